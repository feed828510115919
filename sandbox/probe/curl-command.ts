// Builds the curl command lines the probes run, in the seeds' shape (`curl -v -k -I --key K --cert C URL`), and
// renders them so a user can paste them into a shell. Pure: no I/O.
import { shellQuote } from '../../certs/shell-quote.js';

export type ClientCertificate =
  | { form: 'pem'; cert: string; key: string }
  | { form: 'p12'; file: string; password: string };

export interface CurlRequest {
  url: string;
  /**
   * -k: do not verify the server certificate. Default true (the seeds' form, for self-signed servers); the probes
   * set it false and give `cacert`, the sandbox's CA.
   */
  insecure?: boolean;
  /** -I: HEAD request, headers only (seeds 000, 001). */
  head?: boolean;
  /** -X METHOD. Not together with `head`. */
  method?: string;
  clientCert?: ClientCertificate | null;
  /** --interface ADDR: the local address the probe comes from, e.g. 127.0.0.2. */
  sourceAddress?: string;
  headers?: Record<string, string>;
  /** --http1.1 / --http2; omitted means curl's default (ALPN offers h2 and http/1.1). */
  http?: '1.1' | '2';
  /** --tlsv1.2 --tls-max 1.2 (or 1.3): offer exactly this TLS version; curl's default range when absent. */
  tlsVersion?: '1.2' | '1.3';
  /** --resolve host:port:addr, e.g. "localhost:8443:127.0.0.1". */
  resolve?: string;
  /** --cacert FILE (only matters with insecure: false). */
  cacert?: string;
  /** --cookie FILE --cookie-jar FILE: send the cookies kept in FILE and save the ones the server sets, as a browser does. */
  cookieJar?: string;
  /** --max-time SECONDS. Default 10, so a silent server cannot hang a run. */
  maxTimeSeconds?: number;
  /**
   * --no-progress-meter. When stdout is not a terminal (as under a runner) curl draws its progress meter into
   * stderr, glued to the -v lines; runCurl turns this on. Default false, so the seeds' forms come out unchanged.
   */
  noProgressMeter?: boolean;
  /**
   * -w '%{stderr}%{certs}': after the transfer, print the server's certificate chain (curl ≥ 7.88) to stderr, after
   * the -v lines, so the transcript shows its serial ("Serial Number:"), which -v alone does not.
   */
  showServerCertificate?: boolean;
}

export const DEFAULT_MAX_TIME_SECONDS = 10;

/** The arguments after `curl`, in the seeds' order: -v -k -I, then the client certificate, then the rest, URL last. */
export function buildCurlArgs(req: CurlRequest): string[] {
  if (!/^https?:\/\/\S+$/.test(req.url)) {
    throw new Error(`curl probe URL "${req.url}" is not an http(s) URL; give one like https://127.0.0.1:8443/`);
  }
  const args = ['-v'];
  if (req.noProgressMeter) args.push('--no-progress-meter');
  if (req.insecure ?? true) args.push('-k');
  if (req.head) {
    if (req.method !== undefined && req.method.toUpperCase() !== 'HEAD') {
      throw new Error(`curl probe asks for both head (-I) and method ${req.method}; drop one of them`);
    }
    args.push('-I');
  } else if (req.method !== undefined) {
    if (!/^[A-Za-z]+$/.test(req.method)) throw new Error(`curl probe method "${req.method}" is not an HTTP method`);
    args.push('-X', req.method);
  }

  const cert = req.clientCert;
  if (cert?.form === 'pem') {
    // Seed order: --key before --cert.
    args.push('--key', cert.key, '--cert', escapeCertName(cert.cert));
  } else if (cert?.form === 'p12') {
    args.push('--cert-type', 'P12', '--cert', `${escapeCertName(cert.file)}:${cert.password}`);
  }

  if (req.http === '1.1') args.push('--http1.1');
  else if (req.http === '2') args.push('--http2');
  if (req.tlsVersion !== undefined) args.push(`--tlsv${req.tlsVersion}`, '--tls-max', req.tlsVersion);
  if (req.sourceAddress !== undefined) args.push('--interface', req.sourceAddress);
  if (req.resolve !== undefined) {
    if (!/^[^:\s]+:\d+:\S+$/.test(req.resolve)) {
      throw new Error(
        `curl --resolve "${req.resolve}" must look like host:port:address, e.g. localhost:8443:127.0.0.1`,
      );
    }
    args.push('--resolve', req.resolve);
  }
  if (req.cacert !== undefined) args.push('--cacert', req.cacert);
  if (req.cookieJar !== undefined) args.push('--cookie', req.cookieJar, '--cookie-jar', req.cookieJar);
  if (req.showServerCertificate) args.push('-w', '%{stderr}%{certs}');
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw new Error(`curl probe header "${name}" is not a valid HTTP header (name must be a token, value one line)`);
    }
    args.push('-H', `${name}: ${value}`);
  }
  const maxTime = req.maxTimeSeconds ?? DEFAULT_MAX_TIME_SECONDS;
  if (!(maxTime > 0)) throw new Error(`curl probe maxTimeSeconds must be positive, got ${maxTime}`);
  args.push('--max-time', String(maxTime));
  args.push(req.url);
  return args;
}

/**
 * curl splits `--cert name:password` at the first unescaped colon, so a colon (or backslash) in the file name
 * has to be escaped with a backslash.
 */
function escapeCertName(file: string): string {
  return file.replace(/[\\:]/g, (c) => `\\${c}`);
}

/** `curl ARGS…` as one line a POSIX shell runs unchanged. */
export function formatCommand(args: string[], program = 'curl'): string {
  return [program, ...args].map(shellQuote).join(' ');
}
