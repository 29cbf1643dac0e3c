/**
 * Errors of the agents layer, mapped to problems by the HTTP layer (one place: the agents routes).
 * @module
 */

/** Bad agent config, observation, request field, or an agent used with the wrong env: 422. */
export class AgentArgumentError extends Error {
  override readonly name = 'AgentArgumentError';
  /** @param field dotted path of the offending field, e.g. `config.planner.horizon`. */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** No agent (or external env) with this id: 404. */
export class UnknownResourceError extends Error {
  override readonly name = 'UnknownResourceError';
  constructor(
    readonly kind: 'agent' | 'external-env',
    readonly id: string,
  ) {
    super(`no ${kind === 'agent' ? 'agent' : 'external env'} with id "${id}"`);
  }
}

/** Planning or evaluating before the agent has a trained version: 409. */
export class NotTrainedError extends Error {
  override readonly name = 'NotTrainedError';
  constructor(readonly agentId: string) {
    super(
      `agent "${agentId}" has no trained version yet: add transitions and train it (POST .../train or .../learn)`,
    );
  }
}

/** A plan context that is tampered, foreign, another agent's, or does not fit the planner: 400. */
export class InvalidContextError extends Error {
  override readonly name = 'InvalidContextError';
}

/** `If-Match` is not the resource's current ETag: 412. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`If-Match ${expected} does not match the current ETag ${actual}`);
  }
}

/** An operation the agent's family does not offer (e.g. `plan` on a policy-only agent): 422. */
export class NotSupportedError extends Error {
  override readonly name = 'NotSupportedError';
  constructor(
    readonly agentType: string,
    readonly operation: string,
    readonly supported: readonly string[],
  ) {
    super(`${agentType} agents do not support "${operation}"; they support ${supported.join(', ')}`);
  }
}
