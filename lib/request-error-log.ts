import type { Instrumentation } from 'next';

/*
 * One JSON object per line for every request that failed on the server, so that a log shipper
 * can index them and an operator can find the request behind the digest a reader saw on the
 * error page. No `server-only`: instrumentation.ts may also be compiled for the edge runtime.
 */

type OnRequestError = Instrumentation.onRequestError;
type ErrorRequest = Parameters<OnRequestError>[1];
type ErrorContext = Parameters<OnRequestError>[2];

export type RequestErrorRecord = {
  time: string;
  level: 'error';
  msg: 'request failed';
  method: string;
  /** Without the query string: it may carry secrets (preview links) or readers' input. */
  path: string;
  route: string;
  routeType: ErrorContext['routeType'];
  routerKind: ErrorContext['routerKind'];
  renderSource?: ErrorContext['renderSource'];
  revalidateReason?: ErrorContext['revalidateReason'];
  /** Shown to the reader by the error page; the key that joins a complaint to this line. */
  digest?: string;
  requestId?: string;
  error: { name: string; message: string };
};

function header(headers: ErrorRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function requestErrorRecord(error: unknown, request: ErrorRequest, context: ErrorContext, now = new Date()): RequestErrorRecord {
  const digest = (error as { digest?: unknown })?.digest;
  return {
    time: now.toISOString(),
    level: 'error',
    msg: 'request failed',
    method: request.method,
    path: request.path.split('?')[0] ?? request.path,
    route: context.routePath,
    routeType: context.routeType,
    routerKind: context.routerKind,
    ...(context.renderSource ? { renderSource: context.renderSource } : {}),
    ...(context.revalidateReason ? { revalidateReason: context.revalidateReason } : {}),
    ...(typeof digest === 'string' ? { digest } : {}),
    ...(header(request.headers, 'x-request-id') ? { requestId: header(request.headers, 'x-request-id') } : {}),
    error: error instanceof Error ? { name: error.name, message: error.message } : { name: typeof error, message: String(error) },
  };
}

/** The line itself: JSON never contains a raw newline, so one failure is one line. */
export function requestErrorLine(...args: Parameters<typeof requestErrorRecord>): string {
  return JSON.stringify(requestErrorRecord(...args));
}
