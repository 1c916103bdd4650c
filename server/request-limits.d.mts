import type { IncomingMessage, ServerResponse } from 'node:http';

export const maxUrlBytes: number;
export const maxQueryParameters: number;
export const actionBodyBytes: number;
export type Refusal = { status: number; code: string; message: string };
export function refuse(res: ServerResponse, status: number, code: string, message: string, extraHeaders?: Record<string, string>): void;
export function countQueryParameters(query: string, limit?: number): number;
export function checkRequestTarget(req: IncomingMessage): Refusal | undefined;
export function isActionPost(req: IncomingMessage): boolean;
export function actionBodyReadable(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<boolean>;
/** The body; undefined when over `limit` or abandoned; null when called too late to see it. */
export function holdBody(req: IncomingMessage, limit?: number): Promise<Buffer | null | undefined>;
