export function contentSecurityPolicy(options: { https: boolean; nonce?: string }): string;
export const permissionsPolicy: string;
export function isHttpsSite(siteUrl: string | undefined): boolean;
export function securityHeaders(options: { siteUrl: string | undefined }): { key: string; value: string }[];
export function nextConfigHeaders(options: { siteUrl: string | undefined }): { source: string; headers: { key: string; value: string }[] }[];
