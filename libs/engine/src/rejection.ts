/** Zeebe's rejection types; the gateway maps each to one gRPC status code. */
export type RejectionType = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'ALREADY_EXISTS' | 'INVALID_STATE' | 'PROCESSING_ERROR' | 'EXCEEDED_BATCH_RECORD_SIZE';

/** A command the engine refused; nothing of it was applied. */
export class Rejection extends Error {
  constructor(
    readonly intent: string,
    readonly type: RejectionType,
    readonly reason: string,
  ) {
    super(`Command '${intent}' rejected with code '${type}': ${reason}`);
    this.name = 'Rejection';
  }
}

/** A request the gateway refuses before it reaches the engine (Zeebe's gateway validation). */
export class InvalidRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequest';
  }
}
