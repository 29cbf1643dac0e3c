"""Gymnasium's spaces, in plain numpy, plus builders from the server's space descriptions.

``from_description`` and ``batch_space`` return real ``gymnasium.spaces`` when Gymnasium is
importable; the classes here are what they return otherwise (same constructors, ``shape``,
``dtype``, ``seed()``, ``sample()``, ``contains()``; seeded samples of Box, Discrete,
MultiBinary and MultiDiscrete match Gymnasium 1.x draw for draw).
"""

from .box import Box
from .composite import Dict, Tuple
from .describe import batch_space, from_description
from .discrete import Discrete
from .multi_binary import MultiBinary
from .multi_discrete import MultiDiscrete
from .space import Space

__all__ = [
    "Box",
    "Dict",
    "Discrete",
    "MultiBinary",
    "MultiDiscrete",
    "Space",
    "Tuple",
    "batch_space",
    "from_description",
]
