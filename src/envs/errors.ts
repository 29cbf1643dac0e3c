/** The action does not fit the action space (shape, dtype, NaN/inf, out of a discrete range). */
export class InvalidActionError extends Error {
  override readonly name = 'InvalidActionError';
}

/** The episode has terminated or been truncated; Gymnasium would need a `reset()` first. */
export class EpisodeEndedError extends Error {
  override readonly name = 'EpisodeEndedError';
}

/** No env is registered under the id. `suggestion` names a close id when there is one. */
export class UnknownEnvError extends Error {
  override readonly name = 'UnknownEnvError';
  constructor(
    readonly envId: string,
    readonly suggestion?: string,
  ) {
    super(`no environment "${envId}" is registered${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
  }
}

/**
 * The episode's task was drawn by the server and is hidden from the client (graded episodes):
 * revealing it needs the operator's grader key. Mapped to a 403 problem.
 */
export class TaskHiddenError extends Error {
  override readonly name = 'TaskHiddenError';
}
