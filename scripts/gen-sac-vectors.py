"""Generate test/fixtures/sac-update.json: SAC updates computed by PyTorch, for
src/agents/sac/update.test.ts to reproduce with our tfjs update.

    /tmp/venv/bin/python scripts/gen-sac-vectors.py     # any venv with torch (pip install torch)

The updates follow SB3's `SAC.train` order (entropy coefficient with the coefficient of before
its step, critics on the soft Bellman target of the target critics, actor against the updated
critics, Polyak targets); the actor's noise is given (not drawn), as our update takes it, and
PyTorch's Adam (eps 1e-8) is the reference optimiser. Small sizes keep the file short: obs 3,
actions 2 (sums over action dimensions matter), hidden [8, 8], batch 6 with two terminal rows,
three updates with tau 0.1 and a large learning rate, so every part moves visibly.
"""

import json
import math
import pathlib

import numpy as np
import torch

OBS, ACT, HIDDEN, BATCH, UPDATES = 3, 2, [8, 8], 6, 3
GAMMA, TAU, LR, TARGET_ENTROPY, INIT_ALPHA = 0.99, 0.1, 0.01, -2.0, 0.5

rng = np.random.default_rng(7)


def layers(inp, out):
    dims = [inp, *HIDDEN, out]
    return [
        {
            "w": rng.uniform(-1 / math.sqrt(a), 1 / math.sqrt(a), (a, b)).astype(np.float32),
            "b": rng.uniform(-1 / math.sqrt(a), 1 / math.sqrt(a), (b,)).astype(np.float32),
        }
        for a, b in zip(dims[:-1], dims[1:])
    ]


def tensors(net):
    return [[torch.tensor(l["w"], requires_grad=True), torch.tensor(l["b"], requires_grad=True)] for l in net]


def forward(params, x):
    for i, (w, b) in enumerate(params):
        x = x @ w + b
        if i < len(params) - 1:
            x = torch.relu(x)
    return x


def flat(params):
    return [t for layer in params for t in layer]


init = {"actor": layers(OBS, 2 * ACT), "q0": layers(OBS + ACT, 1), "q1": layers(OBS + ACT, 1)}
actor, q0, q1 = tensors(init["actor"]), tensors(init["q0"]), tensors(init["q1"])
targets = [[[t.detach().clone() for t in layer] for layer in q] for q in (q0, q1)]
log_alpha = torch.tensor(math.log(INIT_ALPHA), requires_grad=True)
opt_actor = torch.optim.Adam(flat(actor), lr=LR, eps=1e-8)
opt_critic = torch.optim.Adam(flat(q0) + flat(q1), lr=LR, eps=1e-8)
opt_alpha = torch.optim.Adam([log_alpha], lr=LR, eps=1e-8)

f32 = lambda *shape: rng.standard_normal(shape).astype(np.float32)  # noqa: E731
batch = {
    "obs": f32(BATCH, OBS),
    "action": np.tanh(f32(BATCH, ACT)),
    "reward": f32(BATCH),
    "next_obs": f32(BATCH, OBS),
    "terminated": np.array([0, 1, 0, 0, 1, 0], dtype=np.uint8),
}
noise = [{"pi": f32(BATCH, ACT), "next": f32(BATCH, ACT)} for _ in range(UPDATES)]

obs = torch.tensor(batch["obs"])
act = torch.tensor(batch["action"])
rew = torch.tensor(batch["reward"])[:, None]
nxt = torch.tensor(batch["next_obs"])
not_done = 1 - torch.tensor(batch["terminated"], dtype=torch.float32)[:, None]


def sample(o, eps):
    out = forward(actor, o)
    mean, log_std = out[:, :ACT], out[:, ACT:].clamp(-20, 2)
    a = torch.tanh(mean + log_std.exp() * eps)
    logp = (-0.5 * eps**2 - (log_std + 0.5 * math.log(2 * math.pi))).sum(1, keepdim=True)
    return a, logp - torch.log(1 - a**2 + 1e-6).sum(1, keepdim=True)


def min_q(pair, o, a):
    x = torch.cat([o, a], 1)
    return torch.min(forward(pair[0], x), forward(pair[1], x))


stats = []
for k in range(UPDATES):
    eps_pi, eps_next = torch.tensor(noise[k]["pi"]), torch.tensor(noise[k]["next"])
    a_pi, logp = sample(obs, eps_pi)
    alpha = log_alpha.detach().exp()
    alpha_loss = -(log_alpha * (logp + TARGET_ENTROPY).detach()).mean()
    opt_alpha.zero_grad()
    alpha_loss.backward()
    opt_alpha.step()
    with torch.no_grad():
        a2, logp2 = sample(nxt, eps_next)
        y = rew + not_done * GAMMA * (min_q(targets, nxt, a2) - alpha * logp2)
    x = torch.cat([obs, act], 1)
    critic_loss = 0.5 * (((forward(q0, x) - y) ** 2).mean() + ((forward(q1, x) - y) ** 2).mean())
    opt_critic.zero_grad()
    critic_loss.backward()
    opt_critic.step()
    actor_loss = (alpha * logp - min_q((q0, q1), obs, a_pi)).mean()
    opt_actor.zero_grad()
    actor_loss.backward()
    opt_actor.step()
    with torch.no_grad():
        for tq, q in zip(targets, (q0, q1)):
            for tl, l in zip(tq, q):
                for t, s in zip(tl, l):
                    t.mul_(1 - TAU).add_(s, alpha=TAU)
    stats.append(
        {
            "critic_loss": critic_loss.item(),
            "actor_loss": actor_loss.item(),
            "ent_coef": alpha.item(),
            "ent_coef_loss": alpha_loss.item(),
        }
    )


def listed(params):
    return [{"w": w.detach().numpy().tolist(), "b": b.detach().numpy().tolist()} for w, b in params]


def listed_np(net):
    return [{"w": l["w"].tolist(), "b": l["b"].tolist()} for l in net]


out = {
    "settings": {
        "obs_dim": OBS,
        "action_dim": ACT,
        "hidden": HIDDEN,
        "gamma": GAMMA,
        "tau": TAU,
        "learning_rate": LR,
        "target_entropy": TARGET_ENTROPY,
        "init_ent_coef": INIT_ALPHA,
    },
    "initial": {k: listed_np(v) for k, v in init.items()},
    "batch": {k: v.tolist() for k, v in batch.items()},
    "noise": [{k: v.tolist() for k, v in n.items()} for n in noise],
    "stats": stats,
    "final": {
        "actor": listed(actor),
        "q0": listed(q0),
        "q1": listed(q1),
        "target0": listed(targets[0]),
        "target1": listed(targets[1]),
        "log_alpha": log_alpha.item(),
    },
    "torch": torch.__version__,
}
path = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "sac-update.json"
path.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
print(f"wrote {path} ({path.stat().st_size} bytes)")
