// Load-balancer-generated stickiness cookies (ELB "Sticky sessions for your Application Load Balancer"):
// AWSALB pins a target within a target group, AWSALBTG pins a target group of a weighted forward action; each has a
// *CORS twin with "SameSite=None; Secure". The value is opaque and encrypted ("encrypted using a rotating key"),
// carries an expiry (the ALB uses the Expires attribute, not Max-Age), and the expiry is reset on every response.
// Values are not URL-encoded (the docs: URL-encoded cookie values are not supported).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const COOKIE = {
  target: 'AWSALB',
  targetCors: 'AWSALBCORS',
  group: 'AWSALBTG',
  groupCors: 'AWSALBTGCORS',
} as const;

export interface StickyPayload {
  /** Target group id. */
  g: string;
  /** Target key (host:port) for AWSALB; absent for AWSALBTG. */
  t?: string;
  /** Expiry, epoch seconds. */
  e: number;
}

/** AES-256-GCM with a key made per listener, so a client can neither read nor forge the pinned target. */
export class StickyCookieCodec {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  encode(payload: StickyPayload): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The payload, or null when the value was not made by us, was altered or has expired. */
  decode(value: string, nowMs = Date.now()): StickyPayload | null {
    try {
      const raw = Buffer.from(value, 'base64');
      if (raw.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const payload = JSON.parse(text) as StickyPayload;
      if (typeof payload.g !== 'string' || typeof payload.e !== 'number') return null;
      return payload.e * 1000 > nowMs ? payload : null;
    } catch {
      return null;
    }
  }
}

/** Cookie values by name from the request's Cookie header(s); the first occurrence of a name wins. */
export function parseCookies(headers: string | string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of Array.isArray(headers) ? headers : headers ? [headers] : []) {
    for (const part of line.split(';')) {
      const eq = part.indexOf('=');
      if (eq === -1) continue;
      const name = part.slice(0, eq).trim();
      if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
    }
  }
  return out;
}

/** Set-Cookie values for a cookie and its CORS twin. */
export function stickyCookieHeaders(name: string, corsName: string, value: string, expiresEpochSec: number): string[] {
  const expires = new Date(expiresEpochSec * 1000).toUTCString();
  return [
    `${name}=${value}; Expires=${expires}; Path=/`,
    `${corsName}=${value}; Expires=${expires}; Path=/; SameSite=None; Secure`,
  ];
}
