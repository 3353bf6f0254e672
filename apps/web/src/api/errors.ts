/** A field the server refused, as the API's error body names it. */
export interface FieldViolation {
  field: string;
  code: string;
  message: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: FieldViolation[]; errorId?: string; requestId?: string };
}

/** A failed API call: the status and the API's error body, for the page to say in Czech. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: readonly FieldViolation[];
  readonly errorId: string | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, body: unknown) {
    const error = (body as ErrorBody | null | undefined)?.error;
    super(error?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.fields = error?.fields ?? [];
    this.errorId = error?.errorId;
    this.requestId = error?.requestId;
  }

  /** The API could not be reached (network, proxy, a stopped server). */
  static unreachable(): ApiError {
    return new ApiError(0, null);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
