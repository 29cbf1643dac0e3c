"""The PyTorch baseline of `npm run bench -- sac`: SAC updates per second on the CPU.

The same update as src/agents/sac/update.ts (SB3's order: entropy coefficient, critics, actor,
Polyak targets), the same sizes (batch, hidden layers, observation and action widths), in float32.
Prints one JSON line: {"torch": version, "threads": n, "updates_per_s": ..., "ms_per_update": ...}.

Usage: python3 bench/sac_update_torch.py OBS_DIM ACT_DIM BATCH HIDDEN THREADS UPDATES
"""

import json
import math
import sys
import time

import torch
from torch import nn


def mlp(inp, hidden, out):
    layers, d = [], inp
    for h in hidden:
        layers += [nn.Linear(d, h), nn.ReLU()]
        d = h
    layers.append(nn.Linear(d, out))
    return nn.Sequential(*layers)


def main():
    obs_dim, act_dim, batch, hidden, threads, updates = (int(a) for a in sys.argv[1:7])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    sizes = [hidden, hidden]
    actor = mlp(obs_dim, sizes, 2 * act_dim)
    critics = nn.ModuleList([mlp(obs_dim + act_dim, sizes, 1) for _ in range(2)])
    targets = nn.ModuleList([mlp(obs_dim + act_dim, sizes, 1) for _ in range(2)])
    targets.load_state_dict(critics.state_dict())
    for p in targets.parameters():
        p.requires_grad_(False)
    log_alpha = torch.zeros(1, requires_grad=True)
    lr = 3e-4
    actor_opt = torch.optim.Adam(actor.parameters(), lr=lr)
    critic_opt = torch.optim.Adam(critics.parameters(), lr=lr)
    alpha_opt = torch.optim.Adam([log_alpha], lr=lr)
    target_entropy = -act_dim

    def sample(obs):
        out = actor(obs)
        mean, log_std = out[:, :act_dim], out[:, act_dim:].clamp(-20, 2)
        noise = torch.randn_like(mean)
        a = torch.tanh(mean + log_std.exp() * noise)
        logp = (-0.5 * noise**2 - log_std - 0.5 * math.log(2 * math.pi)).sum(1, keepdim=True)
        logp = logp - torch.log(1 - a**2 + 1e-6).sum(1, keepdim=True)
        return a, logp

    def q(pair, obs, a):
        x = torch.cat([obs, a], 1)
        return torch.min(pair[0](x), pair[1](x))

    obs = torch.rand(batch, obs_dim) * 2 - 1
    act = torch.rand(batch, act_dim) * 2 - 1
    rew = torch.rand(batch, 1)
    nxt = torch.rand(batch, obs_dim) * 2 - 1
    not_done = torch.ones(batch, 1)

    def update():
        a_pi, logp = sample(obs)
        alpha = log_alpha.detach().exp()
        alpha_loss = -(log_alpha * (logp + target_entropy).detach()).mean()
        alpha_opt.zero_grad()
        alpha_loss.backward()
        alpha_opt.step()
        with torch.no_grad():
            a2, logp2 = sample(nxt)
            y = rew + not_done * 0.99 * (q(targets, nxt, a2) - alpha * logp2)
        x = torch.cat([obs, act], 1)
        critic_loss = 0.5 * sum(((c(x) - y) ** 2).mean() for c in critics)
        critic_opt.zero_grad()
        critic_loss.backward()
        critic_opt.step()
        actor_loss = (alpha * logp - q(critics, obs, a_pi)).mean()
        actor_opt.zero_grad()
        actor_loss.backward()
        actor_opt.step()
        with torch.no_grad():
            for t, s in zip(targets.parameters(), critics.parameters()):
                t.mul_(1 - 0.005).add_(s, alpha=0.005)

    for _ in range(20):
        update()
    t0 = time.perf_counter()
    for _ in range(updates):
        update()
    dt = (time.perf_counter() - t0) / updates
    print(json.dumps({"torch": torch.__version__, "threads": threads, "updates_per_s": 1 / dt, "ms_per_update": dt * 1e3}))


if __name__ == "__main__":
    main()
