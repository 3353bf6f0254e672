import { status, type ServiceError } from '@grpc/grpc-js';
import { Metadata } from '@grpc/grpc-js';
import { EngineClosed, ResourceExhausted } from '../engine.js';
import { InvalidRequest, Rejection, type RejectionType } from '../rejection.js';

const CODES: Record<RejectionType, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  INVALID_STATE: status.FAILED_PRECONDITION,
  PROCESSING_ERROR: status.INTERNAL,
  EXCEEDED_BATCH_RECORD_SIZE: status.RESOURCE_EXHAUSTED,
};

export function grpcError(code: status, message: string): ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new Metadata() });
}

/** Maps what the engine threw to the status code and message Zeebe's gateway would answer. */
export function toServiceError(error: unknown): ServiceError {
  if (isServiceError(error)) return error;
  if (error instanceof Rejection) return grpcError(CODES[error.type], error.message);
  if (error instanceof InvalidRequest) return grpcError(status.INVALID_ARGUMENT, error.message);
  if (error instanceof EngineClosed) return grpcError(status.UNAVAILABLE, error.message);
  if (error instanceof ResourceExhausted) {
    return grpcError(status.RESOURCE_EXHAUSTED, 'Expected to handle gRPC request, but the engine is overloaded (back-pressure); retry later');
  }
  return grpcError(status.INTERNAL, `Unexpected error occurred during the request processing: ${(error as Error)?.message ?? String(error)}`);
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && (error as Partial<ServiceError>).metadata instanceof Metadata;
}
