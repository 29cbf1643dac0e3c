// Generated from openapi/openapi.yaml by `npm run generate`. Do not edit.
export interface paths {
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and build information. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format). */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document. */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Interactive API reference (served offline). */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Static files of the API reference page. */
        get: operations["getDocsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every registered environment. */
        get: operations["listEnvs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        /** One environment with its default kwargs, spaces and doc block. */
        get: operations["getEnv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/make": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate kwargs and describe the environment they make (like `gymnasium.make`).
         * @description Nothing is created on the server; the answer tells the spaces for these kwargs.
         */
        post: operations["makeEnv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an episode (Gymnasium `reset(seed, options)`).
         * @description With `seed`, the episode's generator is numpy's `default_rng(seed)`, so the initial
         *     observation equals Gymnasium's for the same seed. Without `seed` but with the `state` of an
         *     earlier episode, the generator continues from that episode (as a second `reset()` does in
         *     Gymnasium); with neither, it is seeded from fresh OS entropy. `options.state` starts the
         *     episode from the given physical state instead of drawing one.
         */
        post: operations["resetEnv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/step": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Advance an episode by one action (Gymnasium `step(action)`).
         * @description A pure function of (`state`, `action`): the same token and action always give the same
         *     answer, on any replica. Stepping an episode that has terminated or been truncated is a
         *     409 `reset-needed` problem.
         */
        post: operations["stepEnv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/vector/reset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a batch of `num_envs` episodes in one request (Gymnasium vector `reset`).
         * @description Sub-env `i` of a reset with `seed` s is seeded `s + i`, as in Gymnasium's vector envs.
         *     The whole batch travels in ONE sealed `state` token. The autoreset mode is declared here
         *     and kept in the token. With `options.reset_mask` (and the batch's `state`), only the
         *     masked sub-envs are reset; the others keep their episodes (the way to restart ended
         *     sub-envs in `disabled` mode).
         */
        post: operations["vectorReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/vector/step": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Step every sub-env of a batch with one action each (Gymnasium vector `step`).
         * @description `action` holds one action per sub-env: a tensor of shape `[num_envs, ...action shape]`
         *     or an array of `num_envs` actions. Autoreset follows the batch's mode:
         *     `next_step` (Gymnasium's default): a sub-env that ended on the previous step is reset by
         *     this one, its action ignored, and reports its reset observation with reward 0 and both
         *     flags false. `same_step`: a sub-env that ends is reset at once; its last observation and
         *     info are in `info.final_obs` / `info.final_info` (masks `_final_obs` / `_final_info`).
         *     `disabled`: stepping an ended sub-env is a 409; reset it with `options.reset_mask`.
         */
        post: operations["vectorStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a whole action sequence from a seed server-side and return the trajectory.
         * @description For graders: resets with `seed` (and `options`, `kwargs`), steps every action in order
         *     and returns every observation (the initial one first), reward and flag, plus the return.
         *     The answer is a pure function of the request, identical on every replica. An action
         *     after the episode has ended is a 409 naming its index; a bad action is a 422 naming it.
         */
        post: operations["replayEnv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/render": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Draw the current state of an episode (PNG, or an RGB array).
         * @description `mode: png` (default) answers `image/png`; `mode: rgb_array` answers a uint8 tensor of
         *     shape `[height, width, 3]` in the negotiated format, as Gymnasium's
         *     `render_mode="rgb_array"` returns it.
         */
        post: operations["renderEnv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        /**
         * Draw tasks of an env's task distribution, deterministically.
         * @description The same `seed` gives the same tasks on every replica. Train and test splits are
         *     disjoint where the family is a fixed finite set, and come from the declared ranges where
         *     it is continuous (test ranges may extrapolate). Pass a task to `reset` as
         *     `options.task`.
         */
        get: operations["listTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/envs/{env_id}/compute_reward": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Goal-conditioned reward of achieved vs desired goals for a whole batch (GoalEnv.compute_reward).
         * @description For hindsight relabeling: the reward each row would get, computed exactly as the env's
         *     step reward. `achieved_goal` and `desired_goal` are `[n, goal_dim]` tensors or arrays
         *     of `n` goals.
         */
        post: operations["computeReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agent types, each with its config schema and named presets. */
        get: operations["listAgentTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agents, oldest first. */
        get: operations["listAgents"];
        put?: never;
        /**
         * Create an agent for a served env or a registered external env.
         * @description Give exactly one of `env_id` (a served env: its spaces, and its reward and termination
         *     functions are used while planning) and `external_env_id` (a registered simulator we do
         *     not run: the model learns what the env does not declare). `config` overrides the
         *     `preset` (default `default`) field by field.
         */
        post: operations["createAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an agent from an export (config, model weights and transitions in one object). */
        post: operations["importAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /** An agent, its latest version and how much data it holds. */
        get: operations["getAgent"];
        put?: never;
        post?: never;
        /** Delete an agent with its versions and transitions. */
        delete: operations["deleteAgent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /** The agent as one object (config, latest weights, transitions), for `POST /v1/agents/import`. */
        get: operations["exportAgent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append a batch of transitions to the agent's data (an immutable segment).
         * @description Rows are `[n, ...]` arrays or tensors. Concurrent appends never lose data. `If-Match`
         *     (the agent's ETag) makes the append conditional on the agent not having changed.
         */
        post: operations["addTransitions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}/train": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fit the agent's model on all its transitions, as a job; success adds a version. */
        post: operations["trainAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plan from an observation with the agent's model (MPC); the action plus the whole plan and its predictions.
         * @description Deterministic given (agent version, observation, `context`, `seed`): any replica answers
         *     the same for the same tensor backend. `context` is the previous answer's, which warm-starts
         *     the planner (the plan shifted by one step); leave it out at the start of an episode.
         */
        post: operations["planAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}/act": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The first action of a plan (as `plan`, without the predictions). */
        post: operations["actAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}/learn": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the agent's learning loop on a served env, server-side, as a job.
         * @description Random actions for `warmup_steps`, then the agent's own policy. MPC: plans with the
         *     current model, refitting every `refit_every` steps, each refit a new version. SAC: samples
         *     from the actor and makes `gradient_steps` updates per env step, with a checkpoint (a new
         *     version holding the networks and optimisers) every `checkpoint_every` steps and at the end;
         *     the transitions go to the agent's data at each checkpoint. MBPO: as SAC, with the dynamics
         *     ensemble refitted and rolled out every `model_train_every` steps (a `model-fit` log each)
         *     and the SAC updates made on model rollouts mixed with env data; its versions hold the
         *     ensemble too. Every episode's return goes to
         *     the job's events (the learning curve). A job killed mid-run resumes from its last
         *     checkpoint.
         */
        post: operations["learnAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run evaluation episodes of the agent's MPC policy on a served env, as a job (result - per-episode returns). */
        post: operations["evaluateAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-envs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Registered external envs, oldest first. */
        get: operations["listExternalEnvs"];
        put?: never;
        /** Register a simulator that runs on the client (its spaces, and optionally a served env's reward). */
        post: operations["createExternalEnv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-envs/{external_env_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                external_env_id: components["parameters"]["ExternalEnvId"];
            };
            cookie?: never;
        };
        /** A registered external env. */
        get: operations["getExternalEnv"];
        put?: never;
        post?: never;
        /** Unregister an external env (agents made for it keep their copy of its spaces). */
        delete: operations["deleteExternalEnv"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jobs, oldest first. */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** A job's status, progress and (when done) result. */
        get: operations["getJob"];
        put?: never;
        post?: never;
        /** Cancel a job (a queued one at once; a running one at its next check). */
        delete: operations["cancelJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{job_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * A job's progress events; a live server-sent-event stream with `Accept - text/event-stream`.
         * @description With `Accept: text/event-stream`, the events so far and then each new one as it happens
         *     (`id` = the event's `seq`, `event` = its type, `data` = the event as JSON), ending after
         *     the final event (`succeeded`, `failed` or `cancelled`); `Last-Event-ID` or `after` resumes.
         *     Otherwise a snapshot of the events after `after`.
         */
        get: operations["getJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        EnvIdString: string;
        /**
         * @description RFC 9457 problem details. `type` is one of the URIs below, stable per error class:
         *     `unknown-env` (404), `not-found` (404), `method-not-allowed` (405), `not-acceptable` (406, always
         *     JSON), `invalid-state` (400: tampered, foreign-env, unknown-key, wrong-version or malformed token),
         *     `malformed-body` (400: undecodable JSON or msgpack, msgpack beyond the plain types, or a body
         *     over `x-limits.max_body_depth` or `max_body_items`), `malformed-request` (400: a request
         *     target the HTTP layer cannot read, e.g. a raw backslash in the path; always JSON),
         *     `reset-needed` (409: step after the episode ended), `payload-too-large` (413),
         *     `unsupported-media-type` (415), `validation`
         *     (422: the body, path or query breaks the schema; see `errors`), `invalid-action` (422:
         *     wrong shape or dtype, NaN/inf, outside a Discrete/MultiDiscrete/MultiBinary space),
         *     `invalid-argument` (422: bad kwargs or reset options, bad agent config, observation of the
         *     wrong shape, agent/env mismatch), `unknown-agent`, `unknown-external-env`, `unknown-job`
         *     (404), `precondition-failed` (412: `If-Match` is not the current ETag), `conflict` (409),
         *     `not-trained` (409: planning before the agent has a trained version), `not-supported`
         *     (422: the agent's family does not offer this operation, e.g. `plan` on a policy-only
         *     agent; the detail names the operations it does offer), `task-hidden` (403: revealing a
         *     task the server drew needs the grader key, header `X-Grader-Key`), `too-many-streams` (503,
         *     with Retry-After: `x-limits.max_event_streams` job event streams are open),
         *     `insufficient-storage` (507: the disk is full; nothing was stored), `invalid-context`
         *     (400: a plan context that is tampered, foreign or from another agent), `corrupt-data` (500:
         *     stored data failed its checksum; it is never used), `internal` (500).
         */
        Problem: {
            /** @enum {string} */
            type: "https://modelgym.dev/problems/unknown-env" | "https://modelgym.dev/problems/not-found" | "https://modelgym.dev/problems/method-not-allowed" | "https://modelgym.dev/problems/not-acceptable" | "https://modelgym.dev/problems/invalid-state" | "https://modelgym.dev/problems/malformed-body" | "https://modelgym.dev/problems/malformed-request" | "https://modelgym.dev/problems/reset-needed" | "https://modelgym.dev/problems/payload-too-large" | "https://modelgym.dev/problems/unsupported-media-type" | "https://modelgym.dev/problems/validation" | "https://modelgym.dev/problems/invalid-action" | "https://modelgym.dev/problems/invalid-argument" | "https://modelgym.dev/problems/internal" | "https://modelgym.dev/problems/unknown-agent" | "https://modelgym.dev/problems/unknown-external-env" | "https://modelgym.dev/problems/unknown-job" | "https://modelgym.dev/problems/precondition-failed" | "https://modelgym.dev/problems/conflict" | "https://modelgym.dev/problems/not-trained" | "https://modelgym.dev/problems/not-supported" | "https://modelgym.dev/problems/task-hidden" | "https://modelgym.dev/problems/too-many-streams" | "https://modelgym.dev/problems/insufficient-storage" | "https://modelgym.dev/problems/invalid-context" | "https://modelgym.dev/problems/corrupt-data";
            title: string;
            status: number;
            detail?: string;
            /** @description The request id. */
            instance?: string;
            /** @description For `validation`, one entry per failed rule. */
            errors?: {
                /** @description JSON pointer into the request, e.g. `/body/seed`. */
                pointer: string;
                message: string;
            }[];
        };
        Health: {
            /** @enum {string} */
            status: "ok";
            version: string;
            uptime_s: number;
            /** @description Number of registered environments. */
            envs: number;
            /** @description Id of the key that seals new state tokens. */
            state_key_id?: string;
            /** @description The TensorFlow.js backend models run on (null until it is initialised), and what selection tried. */
            tensor_backend?: null | {
                /** @enum {string} */
                name: "tensorflow-gpu" | "webgpu" | "tensorflow" | "wasm" | "cpu";
                tf_version: string;
                /** @description Whether MODELGYM_BACKEND chose it. */
                forced: boolean;
                threads?: number;
                device?: string;
                tried: {
                    name: string;
                    ok: boolean;
                    reason?: string;
                }[];
            };
        };
        /** @description A number; in JSON, non-finite values are the strings "inf", "-inf" or "nan". */
        FiniteOrNot: number | ("inf" | "-inf" | "nan");
        /** @description A Gymnasium space as data. Arrays are flat, row-major, with `shape` beside them. */
        SpaceDescription: {
            /** @enum {string} */
            type: "Box" | "Discrete" | "MultiBinary" | "MultiDiscrete" | "Dict" | "Tuple";
            /** @enum {string} */
            dtype?: "float32" | "float64" | "int8" | "int16" | "int32" | "int64" | "uint8" | "bool";
            shape?: number[];
            low?: components["schemas"]["FiniteOrNot"][];
            high?: components["schemas"]["FiniteOrNot"][];
            n?: number;
            start?: number | number[];
            nvec?: number[];
            spaces?: {
                [key: string]: components["schemas"]["SpaceDescription"];
            } | components["schemas"]["SpaceDescription"][];
        };
        /** @description Gymnasium's doc block. */
        EnvDoc: {
            description: string;
            action_space: string;
            observation_space: string;
            rewards: string;
            starting_state: string;
            episode_end: string;
            arguments: string;
            version_history: string;
        };
        EnvSummary: {
            id: string;
            max_episode_steps: number | null;
            reward_threshold: number | null;
        };
        EnvList: {
            envs: components["schemas"]["EnvSummary"][];
        };
        EnvDetail: components["schemas"]["EnvSummary"] & {
            /**
             * @description Gymnasium's `metadata["render_modes"]`: `[rgb_array]` for envs the server draws
             *     (POST .../render), `[]` for the others.
             */
            render_modes: "rgb_array"[];
            /**
             * @description Gymnasium's `metadata["render_fps"]` for these kwargs (MuJoCo: `round(1 / dt)`);
             *     null for envs that are not drawn.
             */
            render_fps: number | null;
            /** @description The env's task distribution (null when it has none). */
            tasks: null | components["schemas"]["TaskFamily"];
            /** @description Whether the env is a GoalEnv (Dict observation, `compute_reward`). */
            goal_conditioned: boolean;
            /** @description The kwargs in effect (defaults merged with the request's). */
            kwargs: {
                [key: string]: unknown;
            };
            observation_space: components["schemas"]["SpaceDescription"];
            action_space: components["schemas"]["SpaceDescription"];
            doc: components["schemas"]["EnvDoc"];
        };
        /**
         * @description Constructor arguments, as `gymnasium.make(env_id, **kwargs)` takes them. Every env also
         *     takes `max_episode_steps` (an integer from 1 to 1000000), as `gymnasium.make` does: it
         *     replaces the env's TimeLimit, longer or shorter, and travels in the state token.
         */
        Kwargs: {
            [key: string]: unknown;
        };
        MakeRequest: {
            kwargs?: components["schemas"]["Kwargs"];
        };
        /** @description Sealed episode state (opaque; base64url text in both encodings). */
        StateToken: string;
        /** @description A dense array; `data` is little-endian bytes (msgpack `bin`, base64 in JSON). */
        Tensor: {
            /** @enum {string} */
            dtype: "float32" | "float64" | "int8" | "int16" | "int32" | "int64" | "uint8" | "bool";
            shape: number[];
            /** @description Raw bytes (msgpack bin) or base64 text (JSON). */
            data: unknown;
        };
        /** @description A number (Discrete), nested arrays of numbers, a Tensor, or an object/array of those (Dict/Tuple spaces). */
        Action: number | unknown[] | components["schemas"]["Tensor"] | Record<string, never>;
        /** @description Nested arrays of numbers following the observation space's shape (a number for Discrete). */
        Observation: unknown;
        /** @description Gymnasium's `info` dict. */
        Info: {
            [key: string]: unknown;
        };
        /**
         * @description Env-specific reset options (e.g. `low`/`high` for CartPole, `x_init`/`y_init` for
         *     Pendulum) plus `state`: a physical state to start from instead of drawing one. Envs with
         *     a task distribution also take `task` (else one is drawn from the train split with the
         *     reset's generator; it stays hidden), `reveal_task` (put the task in `info.task`) and
         *     `task_schedule` (switch tasks mid-episode: `{switches: [{at_step, task}], probability,
         *     split}`, switching at the given step counts and/or with `probability` before each step
         *     to a task drawn from `split`).
         */
        ResetOptions: {
            task?: {
                [key: string]: unknown;
            };
            reveal_task?: boolean;
            task_schedule?: {
                switches?: {
                    at_step: number;
                    task: {
                        [key: string]: unknown;
                    };
                }[];
                probability?: number;
                /** @enum {string} */
                split?: "train" | "test";
            };
            state?: number[];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Gymnasium's `AutoresetMode` (see the vector step operation).
         * @enum {string}
         */
        AutoresetMode: "next_step" | "same_step" | "disabled";
        /**
         * @description How batched arrays are answered, `{dtype, shape, data}` tensors or nested arrays.
         * @default tensor
         * @enum {string}
         */
        ArrayFormat: "tensor" | "nested";
        /** @description A tensor or nested arrays of numbers (booleans for flags in `nested` form). */
        NumberArray: components["schemas"]["Tensor"] | unknown[];
        /** @description Env reset options applied to every sub-env, plus `reset_mask`. */
        VectorResetOptions: {
            /** @description Reset only the sub-envs marked true (needs the batch's `state`). */
            reset_mask?: boolean[];
        } & {
            [key: string]: unknown;
        };
        VectorResetRequest: {
            num_envs: number;
            /** @description Sub-env `i` is seeded `seed + i`; or one seed per sub-env (null leaves that sub-env unseeded), as Gymnasium's vector `reset(seed=[...])`. */
            seed?: null | number | (number | null)[];
            options?: components["schemas"]["VectorResetOptions"];
            kwargs?: components["schemas"]["Kwargs"];
            autoreset_mode?: components["schemas"]["AutoresetMode"];
            array_format?: components["schemas"]["ArrayFormat"];
            /** @description The batch's token; unseeded sub-envs continue their generators, and with `options.reset_mask` unmasked sub-envs keep their episodes. */
            state?: components["schemas"]["StateToken"];
        };
        VectorResetResponse: {
            observation: components["schemas"]["NumberArray"];
            info: components["schemas"]["Info"];
            state: components["schemas"]["StateToken"];
        };
        VectorStepRequest: {
            state: components["schemas"]["StateToken"];
            action: components["schemas"]["NumberArray"];
            array_format?: components["schemas"]["ArrayFormat"];
        };
        VectorStepResponse: {
            observation: components["schemas"]["NumberArray"];
            reward: components["schemas"]["NumberArray"];
            terminated: components["schemas"]["NumberArray"];
            truncated: components["schemas"]["NumberArray"];
            /** @description Gymnasium's vector info, each key an array over sub-envs with a `_key` mask beside it. */
            info: components["schemas"]["Info"];
            state: components["schemas"]["StateToken"];
        };
        ReplayRequest: {
            seed?: number | null;
            options?: components["schemas"]["ResetOptions"];
            kwargs?: components["schemas"]["Kwargs"];
            /** @description The actions in order; an array of actions or a tensor whose first axis is time. */
            actions: unknown[] | components["schemas"]["Tensor"];
        };
        ReplayResponse: {
            /** @description `length + 1` observations: the initial one, then one per step. */
            observations: unknown[];
            rewards: number[];
            terminated: boolean[];
            truncated: boolean[];
            infos: components["schemas"]["Info"][];
            /** @description Sum of the rewards. */
            return: number;
            /** @description Number of steps taken. */
            length: number;
            /** @description Whether the last step terminated or truncated the episode. */
            ended: boolean;
        };
        RenderRequest: {
            state: components["schemas"]["StateToken"];
            /**
             * @default png
             * @enum {string}
             */
            mode?: "png" | "rgb_array";
        };
        RenderResponse: {
            image: components["schemas"]["Tensor"];
        };
        TaskFamily: {
            /** @description JSON Schema of one task's parameters. */
            schema: {
                [key: string]: unknown;
            };
            /** @description How `train` and `test` are made (description, size of a fixed set, or per-parameter ranges). */
            splits: {
                [key: string]: unknown;
            };
        };
        TaskList: {
            /** @enum {string} */
            split: "train" | "test";
            seed: number;
            tasks: {
                [key: string]: unknown;
            }[];
        };
        ComputeRewardRequest: {
            achieved_goal: components["schemas"]["NumberArray"];
            desired_goal: components["schemas"]["NumberArray"];
            kwargs?: components["schemas"]["Kwargs"];
            array_format?: components["schemas"]["ArrayFormat"];
        };
        ComputeRewardResponse: {
            reward: components["schemas"]["NumberArray"];
        };
        ResetRequest: {
            /** @description Seeds numpy's `default_rng(seed)`, as Gymnasium's `reset(seed=...)` does. */
            seed?: number | null;
            options?: components["schemas"]["ResetOptions"];
            kwargs?: components["schemas"]["Kwargs"];
            /** @description An earlier episode's token; a reset without `seed` continues its generator, and its kwargs carry over. */
            state?: components["schemas"]["StateToken"];
        };
        ResetResponse: {
            observation: components["schemas"]["Observation"];
            info: components["schemas"]["Info"];
            state: components["schemas"]["StateToken"];
        };
        StepRequest: {
            state: components["schemas"]["StateToken"];
            action: components["schemas"]["Action"];
        };
        StepResponse: {
            observation: components["schemas"]["Observation"];
            reward: number;
            terminated: boolean;
            truncated: boolean;
            info: components["schemas"]["Info"];
            state: components["schemas"]["StateToken"];
        };
        ResourceId: string;
        /** @description RFC 3339 UTC time. */
        Timestamp: string;
        /** @description Nested arrays of numbers, or a Tensor. */
        ArrayLike: unknown[] | components["schemas"]["Tensor"];
        EnvRef: {
            env_id: components["schemas"]["EnvIdString"];
            env_kwargs?: components["schemas"]["Kwargs"];
            /** @description For envs with a task family, the task whose reward (and dynamics) apply. */
            task?: Record<string, never>;
        };
        /** @description The probabilistic dynamics ensemble (PETS). Targets are state deltas. */
        ModelConfig: {
            ensemble_size?: number;
            hidden_sizes?: number[];
            /** @description Predict means only (MSE) instead of Gaussians (NLL). */
            deterministic?: boolean;
            /** @description Members used for planning */
            elites?: number;
            /** @description Learn the reward (forced for envs without a known reward). */
            learned_reward?: boolean;
            /** @description Learn `terminated` (for envs without a known termination). */
            learned_termination?: boolean;
        };
        TrainingConfig: {
            epochs?: number;
            batch_size?: number;
            learning_rate?: number;
            holdout_ratio?: number;
            patience?: number;
        };
        /**
         * @description A learned terminal value: the planner scores a sequence by its discounted reward over the
         *     horizon plus the discounted value of the state it ends in, so a short horizon sees what
         *     follows it (MPC with a terminal value, as in POLO and TD-MPC). The value is an ensemble of
         *     deterministic MLPs fitted after the dynamics, on the agent's transitions, to TD(lambda)
         *     returns of the data (fitted value iteration, `rounds` times); plans use the lowest
         *     member's value, clipped to the range of the fitted targets. `null` (the presets'
         *     default) plans with the reward alone; `{}` turns it on with the defaults shown. Not
         *     available to the gradient planners.
         */
        ValueConfig: {
            /** @default 0.98 */
            discount?: number;
            /** @default 0.95 */
            lambda?: number;
            /** @default 3 */
            ensemble_size?: number;
            /**
             * @default [
             *       64,
             *       64
             *     ]
             */
            hidden_sizes?: number[];
            /** @default 3 */
            rounds?: number;
            /** @default 30 */
            epochs?: number;
            /** @default 64 */
            batch_size?: number;
            /** @default 0.001 */
            learning_rate?: number;
        } | null;
        /**
         * @description `type` picks the optimiser; its other fields override that optimiser's defaults:
         *     random-shooting (population), cem (population, elites, iterations, alpha, bounds, execute),
         *     icem (population, elites, iterations, alpha, decay, noiseExponent, keepElites),
         *     mppi/pddm (population, iterations, kappa, sigma, beta), gradient (population, steps,
         *     learningRate, initScale), cem-gradient (gradient fields plus `cem`), categorical-cem
         *     (Discrete actions; population, elites, iterations, alpha, minProbability).
         */
        PlannerConfig: {
            /** @enum {string} */
            type: "random-shooting" | "cem" | "icem" | "mppi" | "pddm" | "gradient" | "cem-gradient" | "categorical-cem";
            horizon?: number;
            population?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Every field is optional; missing ones come from the preset. */
        MpcConfig: {
            model?: components["schemas"]["ModelConfig"];
            training?: components["schemas"]["TrainingConfig"];
            planner?: components["schemas"]["PlannerConfig"];
            value?: components["schemas"]["ValueConfig"];
            particles?: number;
            /** @enum {string} */
            propagation?: "ts1" | "tsinf" | "expectation";
            /** @description Candidate shards per evaluation, run on worker threads where cores allow; plans depend on it, not on the cores. */
            shards?: number;
            /** @description Seed of weight initialisation and training. */
            seed?: number;
        };
        AgentPreset: {
            name: string;
            description: string;
            /** @description Where the settings come from (paper */
            source?: string;
            /** @description The preset's full config, in the family's config schema. */
            config: Record<string, never>;
        };
        /**
         * @description What can be asked of an agent: `act` and `plan` (POST .../act, .../plan), `adapt`
         *     (.../adapt), `transitions` (appending data), the jobs `train`, `learn`, `evaluate`,
         *     `meta-train`, and `export`. An operation its family does not offer answers a 422
         *     `not-supported` problem.
         * @enum {string}
         */
        AgentOperation: "act" | "plan" | "adapt" | "transitions" | "train" | "learn" | "evaluate" | "meta-train" | "export";
        AgentType: {
            type: string;
            description: string;
            /** @description Name of `config`'s schema under the spec's `components/schemas`. */
            config_schema_name: string;
            /** @description JSON Schema of `config` */
            config_schema: Record<string, never>;
            operations: components["schemas"]["AgentOperation"][];
            presets: components["schemas"]["AgentPreset"][];
        };
        AgentTypeList: {
            agent_types: components["schemas"]["AgentType"][];
        };
        /**
         * @description One schema per agent family, chosen by `type` (see `GET /v1/agent-types`). Every family
         *     takes the fields of `CreateAgentFields`; `config` is the family's own.
         */
        CreateAgentRequest: components["schemas"]["CreateMpcAgentRequest"] | components["schemas"]["CreateSacAgentRequest"] | components["schemas"]["CreateMbpoAgentRequest"];
        /** @description What every create request names, whatever the family. */
        CreateAgentFields: {
            name?: string;
            env_id?: components["schemas"]["EnvIdString"];
            env_kwargs?: components["schemas"]["Kwargs"];
            /** @description For task families, the task whose reward the planner uses. */
            task?: Record<string, never>;
            external_env_id?: components["schemas"]["ResourceId"];
            preset?: string;
        };
        CreateMpcAgentRequest: {
            /** @constant */
            type: "mpc";
            config?: components["schemas"]["MpcConfig"];
        } & (components["schemas"]["CreateAgentFields"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mpc";
        });
        /** @description One schema per agent family, chosen by `type`; the fields of `AgentFields` are common to all. */
        Agent: components["schemas"]["MpcAgent"] | components["schemas"]["SacAgent"] | components["schemas"]["MbpoAgent"];
        AgentFields: {
            id: components["schemas"]["ResourceId"];
            type: string;
            name?: string;
            env_id?: string;
            env_kwargs?: components["schemas"]["Kwargs"];
            task?: Record<string, never>;
            external_env_id?: string;
            preset: string;
            observation_space: components["schemas"]["SpaceDescription"];
            action_space: components["schemas"]["SpaceDescription"];
            /** @description Latest trained version (0 = not trained yet). */
            version: number;
            transitions: number;
            created_at: components["schemas"]["Timestamp"];
        };
        MpcAgent: {
            /** @constant */
            type: "mpc";
            config: components["schemas"]["MpcConfig"];
            /** @description Per-member validation MSE of the latest version's dynamics ensemble. */
            validation_mse?: number[];
        } & (WithRequired<components["schemas"]["AgentFields"], "type"> & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mpc";
        });
        CreateSacAgentRequest: {
            /** @constant */
            type: "sac";
            config?: components["schemas"]["SacConfig"];
        } & (components["schemas"]["CreateAgentFields"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sac";
        });
        SacAgent: {
            /** @constant */
            type: "sac";
            config: components["schemas"]["SacConfig"];
            /** @description Gradient updates behind the latest version. */
            updates?: number;
            /** @description The latest version's entropy coefficient (alpha). */
            ent_coef?: number;
        } & (WithRequired<components["schemas"]["AgentFields"], "type"> & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sac";
        });
        /**
         * @description Soft actor-critic (Haarnoja et al. 2018, the automatic-temperature version): twin Q
         *     networks with Polyak-averaged targets, a tanh-squashed Gaussian actor, the entropy
         *     coefficient tuned towards `target_entropy` (`auto`: minus the action width). Box actions
         *     with finite bounds only; actions are scaled to [-1, 1] inside the agent, as SB3 does. A
         *     request's fields replace the preset's (`pendulum`: rl-baselines3-zoo's Pendulum-v1
         *     settings).
         */
        SacConfig: {
            /**
             * @default [
             *       256,
             *       256
             *     ]
             */
            actor_hidden_sizes?: number[];
            /**
             * @default [
             *       256,
             *       256
             *     ]
             */
            critic_hidden_sizes?: number[];
            /**
             * @description Adam's step size for the actor, the critics and the entropy coefficient.
             * @default 0.0003
             */
            learning_rate?: number;
            /** @default 256 */
            batch_size?: number;
            /**
             * @description Replay buffer capacity in transitions (the oldest are dropped).
             * @default 1000000
             */
            buffer_size?: number;
            /** @default 0.99 */
            gamma?: number;
            /**
             * @description Polyak coefficient of the target critics.
             * @default 0.005
             */
            tau?: number;
            /**
             * @description Env steps of uniformly random actions before the first update (a learn request's `warmup_steps` overrides it).
             * @default 100
             */
            learning_starts?: number;
            /**
             * @description Updates per env step.
             * @default 1
             */
            gradient_steps?: number;
            /**
             * @description Updates between target moves.
             * @default 1
             */
            target_update_interval?: number;
            /**
             * @description `auto` learns it; a number fixes it.
             * @default auto
             */
            ent_coef?: "auto" | number;
            /**
             * @description The learned coefficient's start.
             * @default 1
             */
            init_ent_coef?: number;
            /** @default auto */
            target_entropy?: "auto" | number;
            /** @description Seed of weight initialisation and updates. */
            seed?: number;
        };
        CreateMbpoAgentRequest: {
            /** @constant */
            type: "mbpo";
            config?: components["schemas"]["MbpoConfig"];
        } & (components["schemas"]["CreateAgentFields"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mbpo";
        });
        MbpoAgent: {
            /** @constant */
            type: "mbpo";
            config: components["schemas"]["MbpoConfig"];
            /** @description SAC updates behind the latest version. */
            updates?: number;
            /** @description The latest version's entropy coefficient (alpha). */
            ent_coef?: number;
            /** @description Per-member validation MSE of the latest version's dynamics ensemble. */
            validation_mse?: number[];
        } & (WithRequired<components["schemas"]["AgentFields"], "type"> & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mbpo";
        });
        /**
         * @description Model-based policy optimisation (Janner et al. 2019): SAC (`sac`) trained mostly on short
         *     branched rollouts of a probabilistic dynamics ensemble (`model`). Every `model_train_every`
         *     env steps the ensemble is refitted on all env data (early stopping by `patience` on a
         *     holdout), then `rollouts_per_step x model_train_every` states drawn from the env data are
         *     rolled out for k steps (k from `rollout_schedule`), each row through a random elite, with
         *     actions sampled from the actor and the env's known reward and termination (or learned
         *     ones); the model buffer keeps the last `retain_epochs` such batches. Each env step after
         *     `sac.learning_starts` makes `sac.gradient_steps` SAC updates on minibatches of which
         *     `real_ratio` come from the env data and the rest from the model buffer. `sac.buffer_size`
         *     is the env-data capacity. Fields missing from a request come from the preset.
         */
        MbpoConfig: {
            sac?: components["schemas"]["SacConfig"];
            model?: components["schemas"]["ModelConfig"];
            model_training?: components["schemas"]["TrainingConfig"];
            /**
             * @description Env steps between model refits (and model rollouts); also the epoch of `rollout_schedule`.
             * @default 250
             */
            model_train_every?: number;
            /**
             * @description Model rollouts started per env step (at each refit: this x `model_train_every`).
             * @default 400
             */
            rollouts_per_step?: number;
            /**
             * @description `[first_epoch, last_epoch, min_length, max_length]`: the rollout length is `min_length`
             *     until epoch `first_epoch`, then grows linearly to `max_length` at `last_epoch` (MBPO's
             *     schedule; epochs count from 1, one per `model_train_every` env steps).
             * @default [
             *       1,
             *       15,
             *       1,
             *       1
             *     ]
             */
            rollout_schedule?: number[];
            /**
             * @description Epochs of model rollouts the model buffer keeps.
             * @default 1
             */
            retain_epochs?: number;
            /**
             * @description Fraction of each SAC minibatch drawn from env data (the rest from model rollouts).
             * @default 0.05
             */
            real_ratio?: number;
        };
        AgentList: {
            items: components["schemas"]["Agent"][];
            next: string | null;
        };
        /** @description `n` transitions: observation and next_observation `[n, obs...]`, action `[n, act...]` (`[n]` for Discrete), reward, terminated and truncated `[n]`. */
        TransitionBatch: {
            observation: components["schemas"]["ArrayLike"];
            action: components["schemas"]["ArrayLike"];
            reward: components["schemas"]["ArrayLike"];
            next_observation: components["schemas"]["ArrayLike"];
            terminated?: components["schemas"]["ArrayLike"];
            /** @description 1 where the episode was cut without terminating (a time limit): values bootstrap from next_observation there. Default all 0. */
            truncated?: components["schemas"]["ArrayLike"];
        };
        TransitionsAdded: {
            added: number;
            /** @description Total transitions of the agent. */
            transitions: number;
            /** @description Sequence number of the stored segment. */
            segment: number;
        };
        TrainRequest: {
            /** @description MPC agents' model fit (default the agent's config). */
            training?: components["schemas"]["TrainingConfig"];
            /** @description SAC agents: gradient updates on the agent's stored transitions (offline), default 1000. */
            updates?: number;
            seed?: number;
        };
        PlanRequest: {
            observation: components["schemas"]["ArrayLike"];
            /** @description The previous answer's `context` (sealed warm start); leave out at an episode's start. */
            context?: string;
            seed?: number;
            /** @description Plan with this version (default the latest). */
            version?: number;
            /** @description Agents with a stochastic policy (SAC, MBPO): sample the action instead of acting greedily (default false). Seeded by `seed`. */
            explore?: boolean;
        };
        /** @description Mean and standard deviation over the particles (the ensemble's spread). */
        PredictionSummary: {
            mean: unknown[];
            std: unknown[];
        };
        PlanResponse: {
            /** @description The first action (Box - array; Discrete - integer). */
            action: unknown;
            /** @description The planned sequence, `[horizon, ...]`. */
            actions: unknown[];
            /** @description The planner's estimate of the plan's return. */
            value: number;
            predicted_observations: components["schemas"]["PredictionSummary"];
            predicted_rewards: components["schemas"]["PredictionSummary"];
            context: string;
            version: number;
            planner: string;
            /** @description Sequences scored for this plan. */
            evaluations?: number;
            /** @description The seed planned with (the request's, or one the server drew). */
            seed: number;
        };
        ActResponse: {
            action: unknown;
            context: string;
            version: number;
            /** @description The seed planned with (the request's, or one the server drew). */
            seed: number;
        };
        LearnRequest: {
            env_id?: components["schemas"]["EnvIdString"];
            env_kwargs?: components["schemas"]["Kwargs"];
            /** @description Env steps in all (warm-up included). */
            steps: number;
            /** @description Random-action steps first (MPC default 200; SAC and MBPO default their config's `learning_starts`). */
            warmup_steps?: number;
            /** @description MPC agents - env steps between refits (default 200). */
            refit_every?: number;
            /** @description SAC and MBPO agents - env steps between checkpoints, each a new version (default 1000; taken at the next episode's end). */
            checkpoint_every?: number;
            seed?: number;
            max_episode_steps?: number;
        };
        EvaluateRequest: {
            env_id?: components["schemas"]["EnvIdString"];
            env_kwargs?: components["schemas"]["Kwargs"];
            episodes?: number;
            seeds?: number[];
            max_episode_steps?: number;
            version?: number;
        };
        AgentExport: {
            /** @enum {string} */
            format: "modelgym.agent";
            /**
             * @description Exports are written in format 2; format 1 (MPC agents, `model` and `value`) is still imported.
             * @enum {integer}
             */
            format_version: 1 | 2;
            /** @description The agent's stored record. */
            agent: Record<string, never>;
            /** @description Format 2: the latest version, absent when untrained: each named artifact (MPC: `dynamics`, `value`) with its manifest, bytes and meta. */
            version?: {
                /** @description Transitions it was trained on. */
                transitions: number;
                artifacts: {
                    [key: string]: {
                        manifest: Record<string, never>;
                        /** @description Raw bytes (msgpack bin) or base64 text (JSON). */
                        bytes: unknown;
                        meta?: Record<string, never>;
                    };
                };
            };
            /** @description Format 1: the latest version's ensemble (manifest and weight bytes), absent when untrained. */
            model?: {
                manifest: Record<string, never>;
                /** @description Raw bytes (msgpack bin) or base64 text (JSON). */
                weights: unknown;
                meta?: Record<string, never>;
            };
            /** @description Format 1: the latest version's terminal value ensemble, when the agent's config has one. */
            value?: {
                manifest: Record<string, never>;
                /** @description Raw bytes (msgpack bin) or base64 text (JSON). */
                weights: unknown;
                meta?: Record<string, never>;
            };
            /** @description The transition segments (raw bytes each). */
            transitions?: unknown[];
        };
        CreateExternalEnvRequest: {
            name?: string;
            observation_space: components["schemas"]["SpaceDescription"];
            action_space: components["schemas"]["SpaceDescription"];
            /** @description Use a served env's batched reward and termination (its observations must mean the same); else agents learn them. */
            reward?: components["schemas"]["EnvRef"];
            max_episode_steps?: number;
        };
        ExternalEnv: {
            id: components["schemas"]["ResourceId"];
            name?: string;
            observation_space: components["schemas"]["SpaceDescription"];
            action_space: components["schemas"]["SpaceDescription"];
            reward?: components["schemas"]["EnvRef"];
            max_episode_steps?: number;
            created_at: components["schemas"]["Timestamp"];
        };
        ExternalEnvList: {
            items: components["schemas"]["ExternalEnv"][];
            next: string | null;
        };
        Job: {
            id: string;
            /** @description `train`, `learn` or `evaluate`. */
            kind: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            params: Record<string, never>;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            started_at?: components["schemas"]["Timestamp"];
            finished_at?: components["schemas"]["Timestamp"];
            attempts: number;
            /** @description `{done, total, ...}` from the latest progress event. */
            progress?: Record<string, never>;
            /** @description The job's result once it succeeded. */
            result?: unknown;
            error?: {
                message?: string;
            };
            cancel_requested?: boolean;
        };
        JobList: {
            items: components["schemas"]["Job"][];
            next: string | null;
        };
        JobEvent: {
            seq: number;
            time: components["schemas"]["Timestamp"];
            /** @enum {string} */
            type: "queued" | "started" | "progress" | "log" | "checkpoint" | "succeeded" | "failed" | "cancelled" | "resumed";
            data?: unknown;
        };
        JobEventList: {
            events: components["schemas"]["JobEvent"][];
        };
    };
    responses: {
        /** @description An RFC 9457 problem. */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
                "application/msgpack": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description The operator's grader key (`MODELGYM_GRADER_KEY`). Tasks the server drew are hidden from
         *     clients (graded episodes): `reveal_task`, info that gives the task away (SparsePoint's
         *     `dense_reward`) and drawing it (render) need this key, unless the client chose the task
         *     in `options.task`. Without a configured key nobody can see them.
         */
        GraderKey: string;
        /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
        EnvId: components["schemas"]["EnvIdString"];
        AgentId: components["schemas"]["ResourceId"];
        ExternalEnvId: components["schemas"]["ResourceId"];
        JobId: components["schemas"]["ResourceId"];
        /** @description Page size (default 100). */
        Limit: string;
        /** @description The last id of the previous page. */
        After: components["schemas"]["ResourceId"];
        /** @description The resource's ETag; the request fails with 412 if the resource has changed since. */
        IfMatch: string;
    };
    requestBodies: never;
    headers: {
        /** @description The resource's current version tag (for `If-Match`). */
        ETag: string;
        /** @description Where the created job lives (`/v1/jobs/{job_id}`). */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                    "application/msgpack": components["schemas"]["Health"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    getDocsAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            404: components["responses"]["Problem"];
        };
    };
    listEnvs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The registry. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvList"];
                    "application/msgpack": components["schemas"]["EnvList"];
                };
            };
        };
    };
    getEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The environment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvDetail"];
                    "application/msgpack": components["schemas"]["EnvDetail"];
                };
            };
            404: components["responses"]["Problem"];
        };
    };
    makeEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MakeRequest"];
                "application/msgpack": components["schemas"]["MakeRequest"];
            };
        };
        responses: {
            /** @description The environment made with these kwargs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvDetail"];
                    "application/msgpack": components["schemas"]["EnvDetail"];
                };
            };
            400: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    resetEnv: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The operator's grader key (`MODELGYM_GRADER_KEY`). Tasks the server drew are hidden from
                 *     clients (graded episodes): `reveal_task`, info that gives the task away (SparsePoint's
                 *     `dense_reward`) and drawing it (render) need this key, unless the client chose the task
                 *     in `options.task`. Without a configured key nobody can see them.
                 */
                "X-Grader-Key"?: components["parameters"]["GraderKey"];
            };
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetRequest"];
                "application/msgpack": components["schemas"]["ResetRequest"];
            };
        };
        responses: {
            /** @description The first observation and the episode's state token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResetResponse"];
                    "application/msgpack": components["schemas"]["ResetResponse"];
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    stepEnv: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The operator's grader key (`MODELGYM_GRADER_KEY`). Tasks the server drew are hidden from
                 *     clients (graded episodes): `reveal_task`, info that gives the task away (SparsePoint's
                 *     `dense_reward`) and drawing it (render) need this key, unless the client chose the task
                 *     in `options.task`. Without a configured key nobody can see them.
                 */
                "X-Grader-Key"?: components["parameters"]["GraderKey"];
            };
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StepRequest"];
                "application/msgpack": components["schemas"]["StepRequest"];
            };
        };
        responses: {
            /** @description The transition and the next state token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StepResponse"];
                    "application/msgpack": components["schemas"]["StepResponse"];
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    vectorReset: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The operator's grader key (`MODELGYM_GRADER_KEY`). Tasks the server drew are hidden from
                 *     clients (graded episodes): `reveal_task`, info that gives the task away (SparsePoint's
                 *     `dense_reward`) and drawing it (render) need this key, unless the client chose the task
                 *     in `options.task`. Without a configured key nobody can see them.
                 */
                "X-Grader-Key"?: components["parameters"]["GraderKey"];
            };
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VectorResetRequest"];
                "application/msgpack": components["schemas"]["VectorResetRequest"];
            };
        };
        responses: {
            /** @description First observations of every sub-env and the batch's state token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VectorResetResponse"];
                    "application/msgpack": components["schemas"]["VectorResetResponse"];
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    vectorStep: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The operator's grader key (`MODELGYM_GRADER_KEY`). Tasks the server drew are hidden from
                 *     clients (graded episodes): `reveal_task`, info that gives the task away (SparsePoint's
                 *     `dense_reward`) and drawing it (render) need this key, unless the client chose the task
                 *     in `options.task`. Without a configured key nobody can see them.
                 */
                "X-Grader-Key"?: components["parameters"]["GraderKey"];
            };
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VectorStepRequest"];
                "application/msgpack": components["schemas"]["VectorStepRequest"];
            };
        };
        responses: {
            /** @description The batched transition and the next state token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VectorStepResponse"];
                    "application/msgpack": components["schemas"]["VectorStepResponse"];
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    replayEnv: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The operator's grader key (`MODELGYM_GRADER_KEY`). Tasks the server drew are hidden from
                 *     clients (graded episodes): `reveal_task`, info that gives the task away (SparsePoint's
                 *     `dense_reward`) and drawing it (render) need this key, unless the client chose the task
                 *     in `options.task`. Without a configured key nobody can see them.
                 */
                "X-Grader-Key"?: components["parameters"]["GraderKey"];
            };
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplayRequest"];
                "application/msgpack": components["schemas"]["ReplayRequest"];
            };
        };
        responses: {
            /** @description The trajectory. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayResponse"];
                    "application/msgpack": components["schemas"]["ReplayResponse"];
                };
            };
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    renderEnv: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The operator's grader key (`MODELGYM_GRADER_KEY`). Tasks the server drew are hidden from
                 *     clients (graded episodes): `reveal_task`, info that gives the task away (SparsePoint's
                 *     `dense_reward`) and drawing it (render) need this key, unless the client chose the task
                 *     in `options.task`. Without a configured key nobody can see them.
                 */
                "X-Grader-Key"?: components["parameters"]["GraderKey"];
            };
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenderRequest"];
                "application/msgpack": components["schemas"]["RenderRequest"];
            };
        };
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "application/json": components["schemas"]["RenderResponse"];
                    "application/msgpack": components["schemas"]["RenderResponse"];
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    listTasks: {
        parameters: {
            query?: {
                split?: "train" | "test";
                /**
                 * @description Number of tasks, 1 to 100 (`x-limits.max_tasks_per_request`; 422 above it). The largest
                 *     family's tasks (`tasks/TabularMDP-v0`: transition and reward tables) take about 11 KB
                 *     each in JSON (5 KB in msgpack), so an answer stays near 1 MB; for more tasks, ask again
                 *     with other seeds.
                 */
                count?: string;
                seed?: string;
            };
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tasks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskList"];
                    "application/msgpack": components["schemas"]["TaskList"];
                };
            };
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    computeReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Env id `[namespace/]Name-vN`; a namespaced id is percent-encoded (`ns%2FName-v0`) or given as its two path segments (`ns/Name-v0`). */
                env_id: components["parameters"]["EnvId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComputeRewardRequest"];
                "application/msgpack": components["schemas"]["ComputeRewardRequest"];
            };
        };
        responses: {
            /** @description One reward per row. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComputeRewardResponse"];
                    "application/msgpack": components["schemas"]["ComputeRewardResponse"];
                };
            };
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    listAgentTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent types. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentTypeList"];
                    "application/msgpack": components["schemas"]["AgentTypeList"];
                };
            };
        };
    };
    listAgents: {
        parameters: {
            query?: {
                /** @description Page size (default 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The last id of the previous page. */
                after?: components["parameters"]["After"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of agents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentList"];
                    "application/msgpack": components["schemas"]["AgentList"];
                };
            };
            422: components["responses"]["Problem"];
        };
    };
    createAgent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgentRequest"];
                "application/msgpack": components["schemas"]["CreateAgentRequest"];
            };
        };
        responses: {
            /** @description The new agent (untrained, version 0). */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                    "application/msgpack": components["schemas"]["Agent"];
                };
            };
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    importAgent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentExport"];
                "application/msgpack": components["schemas"]["AgentExport"];
            };
        };
        responses: {
            /** @description The imported agent, under a new id. */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                    "application/msgpack": components["schemas"]["Agent"];
                };
            };
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    getAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                    "application/msgpack": components["schemas"]["Agent"];
                };
            };
            404: components["responses"]["Problem"];
        };
    };
    deleteAgent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The resource's ETag; the request fails with 412 if the resource has changed since. */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["Problem"];
            412: components["responses"]["Problem"];
        };
    };
    exportAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export (use msgpack: weights travel as `bin`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentExport"];
                    "application/msgpack": components["schemas"]["AgentExport"];
                };
            };
            404: components["responses"]["Problem"];
        };
    };
    addTransitions: {
        parameters: {
            query?: never;
            header?: {
                /** @description The resource's ETag; the request fails with 412 if the resource has changed since. */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionBatch"];
                "application/msgpack": components["schemas"]["TransitionBatch"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransitionsAdded"];
                    "application/msgpack": components["schemas"]["TransitionsAdded"];
                };
            };
            404: components["responses"]["Problem"];
            412: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    trainAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TrainRequest"];
                "application/msgpack": components["schemas"]["TrainRequest"];
            };
        };
        responses: {
            /** @description The job (follow `GET /v1/jobs/{job_id}/events`). */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                    "application/msgpack": components["schemas"]["Job"];
                };
            };
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    planAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanRequest"];
                "application/msgpack": components["schemas"]["PlanRequest"];
            };
        };
        responses: {
            /** @description The plan. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanResponse"];
                    "application/msgpack": components["schemas"]["PlanResponse"];
                };
            };
            400: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    actAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanRequest"];
                "application/msgpack": components["schemas"]["PlanRequest"];
            };
        };
        responses: {
            /** @description The action. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActResponse"];
                    "application/msgpack": components["schemas"]["ActResponse"];
                };
            };
            400: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    learnAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LearnRequest"];
                "application/msgpack": components["schemas"]["LearnRequest"];
            };
        };
        responses: {
            /** @description The job. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                    "application/msgpack": components["schemas"]["Job"];
                };
            };
            404: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    evaluateAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluateRequest"];
                "application/msgpack": components["schemas"]["EvaluateRequest"];
            };
        };
        responses: {
            /** @description The job. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                    "application/msgpack": components["schemas"]["Job"];
                };
            };
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    listExternalEnvs: {
        parameters: {
            query?: {
                /** @description Page size (default 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The last id of the previous page. */
                after?: components["parameters"]["After"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalEnvList"];
                    "application/msgpack": components["schemas"]["ExternalEnvList"];
                };
            };
            422: components["responses"]["Problem"];
        };
    };
    createExternalEnv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExternalEnvRequest"];
                "application/msgpack": components["schemas"]["CreateExternalEnvRequest"];
            };
        };
        responses: {
            /** @description Registered. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalEnv"];
                    "application/msgpack": components["schemas"]["ExternalEnv"];
                };
            };
            404: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    getExternalEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                external_env_id: components["parameters"]["ExternalEnvId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The env. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalEnv"];
                    "application/msgpack": components["schemas"]["ExternalEnv"];
                };
            };
            404: components["responses"]["Problem"];
        };
    };
    deleteExternalEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                external_env_id: components["parameters"]["ExternalEnvId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["Problem"];
        };
    };
    listJobs: {
        parameters: {
            query?: {
                status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                /** @description Page size (default 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The last id of the previous page. */
                after?: components["parameters"]["After"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of jobs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobList"];
                    "application/msgpack": components["schemas"]["JobList"];
                };
            };
            422: components["responses"]["Problem"];
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                    "application/msgpack": components["schemas"]["Job"];
                };
            };
            404: components["responses"]["Problem"];
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job after the request. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                    "application/msgpack": components["schemas"]["Job"];
                };
            };
            404: components["responses"]["Problem"];
        };
    };
    getJobEvents: {
        parameters: {
            query?: {
                /** @description Only events with a larger `seq`. */
                after?: string;
            };
            header?: never;
            path: {
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                    "application/json": components["schemas"]["JobEventList"];
                    "application/msgpack": components["schemas"]["JobEventList"];
                };
            };
            404: components["responses"]["Problem"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
