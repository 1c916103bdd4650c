import type { Instrumentation } from 'next';
import { requestErrorLine } from '@/lib/request-error-log';

/** Every server-side request failure as one JSON line on stderr (Next still prints the stack). */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  console.error(requestErrorLine(error, request, context));
};
