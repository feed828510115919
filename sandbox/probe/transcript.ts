// Reads a `curl -v` transcript into the report's Handshake and ProbeResponse. Pure: no I/O.
//
// Written against real transcripts of curl 7.54 (LibreSSL era, seed 000), 7.88 (this machine), 8.4 (seed 001) and
// 8.5 (seed 004). Leading/trailing whitespace varies between versions and between copies of a transcript
// (`*  subject:` vs `* subject:`, `> ` vs `>`), so every line is matched trimmed.

import type { Handshake, HandshakeStep, HandshakeStepKind, ProbeResponse } from '../report.js';

export type { HandshakeStep };

export interface CurlError {
  code: number;
  message: string;
}

export interface ParsedTranscript {
  handshake: Handshake;
  response: ProbeResponse | null;
  /** Transport-level failure, e.g. "Connection reset by peer", "Connection refused", "Empty reply from server". */
  connectionError: string | null;
  curlError: CurlError | null;
  steps: HandshakeStep[];
}

/**
 * Parses the lines of `curl -v` (stderr and stdout interleaved, as printed).
 * `body` is what curl wrote to stdout; when omitted, it is guessed from the unprefixed lines after the final
 * response's headers (good enough for copied transcripts such as seed 004's "Default Action").
 */
export function parseCurlTranscript(lines: string[], exitCode: number | null, body?: string): ParsedTranscript {
  const parser = new TranscriptParser();
  for (const raw of lines) parser.line(raw);
  return parser.finish(exitCode, body);
}

/**
 * Same, with the body taken from curl's stdout. A HEAD (-I) response has no body: there stdout only repeats the
 * headers, so the body is ''.
 */
export function parseCurlOutput(input: {
  transcript: string[];
  stdout: string;
  exitCode: number | null;
}): ParsedTranscript {
  return parseCurlTranscript(input.transcript, input.exitCode, input.stdout);
}

/** Output text as lines: split on \n, \r stripped, no empty last line for the final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// --- TLS vocabulary ------------------------------------------------------------------------------------------

/** TLS alert descriptions (RFC 5246 §7.2, RFC 8446 §6), named as OpenSSL names them in its error strings. */
const ALERT_NAMES: Record<number, string> = {
  0: 'close notify',
  10: 'unexpected message',
  20: 'bad record mac',
  21: 'decryption failed',
  22: 'record overflow',
  30: 'decompression failure',
  40: 'handshake failure',
  41: 'no certificate',
  42: 'bad certificate',
  43: 'unsupported certificate',
  44: 'certificate revoked',
  45: 'certificate expired',
  46: 'certificate unknown',
  47: 'illegal parameter',
  48: 'unknown ca',
  49: 'access denied',
  50: 'decode error',
  51: 'decrypt error',
  60: 'export restriction',
  70: 'protocol version',
  71: 'insufficient security',
  80: 'internal error',
  86: 'inappropriate fallback',
  90: 'user canceled',
  100: 'no renegotiation',
  109: 'missing extension',
  110: 'unsupported extension',
  111: 'certificate unobtainable',
  112: 'unrecognized name',
  113: 'bad certificate status response',
  114: 'bad certificate hash value',
  115: 'unknown psk identity',
  116: 'certificate required',
  120: 'no application protocol',
};

/** Alerts that do not end the connection with an error. */
const NON_FATAL_ALERTS = new Set(['close notify', 'user canceled', 'no renegotiation']);

/** curl's handshake message numbers (RFC 8446 §4) as step kinds, by direction. */
const HANDSHAKE_KINDS: Record<number, { in: HandshakeStepKind; out: HandshakeStepKind }> = {
  1: { in: 'client-hello', out: 'client-hello' },
  2: { in: 'server-hello', out: 'server-hello' },
  4: { in: 'new-session-ticket', out: 'new-session-ticket' },
  8: { in: 'encrypted-extensions', out: 'encrypted-extensions' },
  11: { in: 'server-certificate', out: 'client-certificate' },
  12: { in: 'server-key-exchange', out: 'server-key-exchange' },
  13: { in: 'certificate-request', out: 'certificate-request' },
  14: { in: 'server-hello-done', out: 'server-hello-done' },
  15: { in: 'server-certificate-verify', out: 'client-certificate-verify' },
  16: { in: 'client-key-exchange', out: 'client-key-exchange' },
  20: { in: 'finished', out: 'finished' },
};

// `TLSv1.2 (IN), TLS handshake, Request CERT (13):` — the record type, then curl's name and number for it.
const TLS_LINE = /^((?:TLS|SSL)v[\d.]+) \((IN|OUT)\), (TLS [^,]+), (.+?) \((\d+)\):?$/;
const OPENSSL_REASON = /error:[0-9A-Fa-f]+:SSL routines:[^:]*:([^,]+)/;
const CURL_ERROR = /^curl: \((\d+)\) ?(.*)$/;
const STATUS_LINE = /^HTTP\/(\d(?:\.\d)?)\s+(\d{3})(?:\s.*)?$/;

/** Transport failures as curl words them, in the order they are tried, with the name we report. */
const CONNECTION_ERRORS: [RegExp, string][] = [
  [/Connection reset by peer/i, 'Connection reset by peer'],
  [/Connection refused/i, 'Connection refused'],
  [/Connection timed out|SSL connection timeout/i, 'Connection timed out'],
  [/Operation timed out/i, 'Operation timed out'],
  [/Empty reply from server/i, 'Empty reply from server'],
  [/SSL_ERROR_SYSCALL/, 'SSL_ERROR_SYSCALL'],
  [/Could not resolve host/i, 'Could not resolve host'],
  [/Network is unreachable/i, 'Network is unreachable'],
  [/No route to host/i, 'No route to host'],
  [/Cannot assign requested address/i, 'Cannot assign requested address'],
  [/Broken pipe/i, 'Broken pipe'],
];

/** What curl's exit codes mean, for a run whose final `curl: (N)` line is missing. */
const CURL_EXIT_MESSAGES: Record<number, string> = {
  6: 'Could not resolve host',
  7: 'Failed to connect to host',
  28: 'Operation timed out',
  35: 'SSL connect error',
  45: 'Interface error (--interface address not usable)',
  52: 'Empty reply from server',
  55: 'Failure sending network data',
  56: 'Failure receiving network data',
  58: 'Problem with the local client certificate',
  60: 'Peer certificate cannot be authenticated with known CA certificates',
  77: 'Problem reading the CA certificate file',
  92: 'HTTP/2 stream error',
};

interface Alert {
  direction: 'in' | 'out';
  name: string;
  fatal: boolean;
}

interface ResponseDraft {
  status: number;
  httpVersion: string;
  reason: string | null;
  headers: Record<string, string>;
  /** Index in the transcript of the `<` line that ends its headers, or -1 while headers are still coming. */
  endedAt: number;
}

class TranscriptParser {
  private index = -1;
  private tlsVersion: string | null = null;
  private cipher: string | null = null;
  private requested = false;
  /** Step index of curl's (OUT) Certificate message, waiting for a CertificateVerify to show it was not empty. */
  private clientCertStep: number | null = null;
  private sent = false;
  private alpn: string | null = null;
  private alerts: Alert[] = [];
  private tlsFailure: string | null = null;
  private connectionError: string | null = null;
  private curlError: CurlError | null = null;
  private response: ResponseDraft | null = null;
  /** The last request method curl sent (not counting a proxy CONNECT). */
  private method: string | null = null;
  /** A CONNECT went to a proxy: its response is the proxy's, not the server's. */
  private awaitingConnectResponse = false;
  private inProxyResponse = false;
  private readonly bodyLines: string[] = [];
  /** From curl -w '%{certs}': the first "Serial Number:" is the server's own (leaf) certificate. */
  private serverSerial: string | null = null;
  readonly steps: HandshakeStep[] = [];

  line(raw: string): void {
    this.index += 1;
    const line = raw.replace(/\r$/, '');
    const t = line.trim();

    if (/^[{}] \[\d+ bytes data\]$/.test(t)) return; // curl's data-size notes: no information for us.
    if (t === '*' || t.startsWith('* ')) return this.info(t.slice(1).trim(), line);
    if (t === '>' || t.startsWith('> ')) return this.requestLine(t.slice(1).trim(), line);
    if (t === '<' || t.startsWith('< ')) return this.responseLine(t.slice(1).trim(), line);
    const curlError = CURL_ERROR.exec(t);
    if (curlError) return this.curlErrorLine(Number(curlError[1]), curlError[2]!.trim(), line);
    const serial = /^Serial Number:\s*([0-9A-Fa-f:]+)$/.exec(t);
    if (serial && this.serverSerial === null) {
      this.serverSerial = serial[1]!.replace(/:/g, '').toUpperCase();
      this.step('server-certificate-field', 'in', { field: 'serial', value: this.serverSerial }, false, line);
      return;
    }
    // Unprefixed: stdout (body, or with -I the headers once more), or a continuation such as 7.54's "  CApath:".
    if (this.response && this.response.endedAt >= 0 && !this.inProxyResponse) this.bodyLines.push(line);
  }

  private info(text: string, line: string): void {
    const tls = TLS_LINE.exec(text);
    if (tls) return this.tlsMessage(tls, line);

    const using = /^SSL connection using ([^\s/]+) \/ ([^\s/]+)/.exec(text);
    if (using) {
      this.tlsVersion ??= using[1]!;
      this.cipher ??= using[2]!;
      this.step('tls-established', 'info', { version: using[1]!, cipher: using[2]! }, false, line);
      return;
    }

    // 7.x: "ALPN, server accepted to use http/1.1"; 8.x: "ALPN: server accepted h2".
    const alpn = /^ALPN[,:] server accepted (?:to use )?(\S+)/.exec(text);
    if (alpn) {
      this.alpn = alpn[1]!;
      this.step('alpn', 'info', { protocol: this.alpn }, false, line);
      return;
    }
    if (/^ALPN[,:] server did not agree/.test(text)) {
      this.alpn = null;
      this.step('alpn', 'info', { protocol: null }, false, line);
      return;
    }

    const cert = /^(subject|issuer): (.*)$/.exec(text);
    if (cert) return this.step('server-certificate-field', 'in', { field: cert[1]!, value: cert[2]! }, false, line);
    if (/^Connected to /.test(text)) return this.step('connected', 'info', { text }, false, line);

    const problem = /^SSL certificate problem: .*/.exec(text);
    if (problem) {
      this.tlsFailure ??= problem[0];
      this.step('certificate-problem', 'info', { problem: problem[0] }, true, line);
      return;
    }

    const reason = OPENSSL_REASON.exec(text);
    if (reason) {
      this.opensslReason(reason[1]!.trim());
      this.step('tls-error', 'info', { reason: reason[1]!.trim() }, true, line);
      // Fall through: the same line may also name a transport error.
    }

    for (const [pattern, name] of CONNECTION_ERRORS) {
      if (!pattern.test(text)) continue;
      const first = this.connectionError === null;
      this.connectionError ??= name;
      // Seed 004 prints the reset twice ("Recv failure", then "OpenSSL SSL_connect: ..."); mark the first.
      if (first)
        this.step('connection-error', name === 'Connection reset by peer' ? 'in' : 'info', { error: name }, true, line);
      return;
    }
  }

  private tlsMessage(m: RegExpExecArray, line: string): void {
    const direction = m[2] === 'IN' ? 'in' : 'out';
    const kind = m[3]!;
    const name = m[4]!;
    const number = Number(m[5]);
    if (kind === 'TLS alert') return this.alertLine(direction, name, number, line);
    if (kind === 'TLS change cipher') return this.step('change-cipher-spec', direction, {}, false, line);
    if (kind !== 'TLS handshake') return this.step('tls-message', direction, { record: kind, name }, false, line);

    if (number === 13 && direction === 'in') this.requested = true;
    if (number === 11 && direction === 'out') {
      // Printed even for an empty Certificate message (no certificate to send); a CertificateVerify decides.
      this.clientCertStep = this.steps.length;
    }
    if (number === 15 && direction === 'out' && this.clientCertStep !== null) this.sent = true;
    const decisive = (number === 13 && direction === 'in') || (direction === 'out' && (number === 11 || number === 15));
    const known = HANDSHAKE_KINDS[number]?.[direction];
    if (known) this.step(known, direction, {}, decisive, line);
    else this.step('tls-message', direction, { record: kind, name }, decisive, line);
  }

  private alertLine(direction: 'in' | 'out', curlName: string, number: number, line: string): void {
    let name: string;
    let fatal: boolean;
    if (number >= 256) {
      // curl prints level * 256 + description, e.g. 560 = fatal unknown_ca; its own name can be just "unknown".
      name = ALERT_NAMES[number & 0xff] ?? curlName.toLowerCase();
      fatal = number >> 8 === 2 && !NON_FATAL_ALERTS.has(name);
    } else {
      // Old curl (seed 000, 7.54) printed only the alert level under a handshake name: "Client hello (1)" is a
      // warning alert, which at the end of a connection is close_notify.
      fatal = number === 2;
      name = fatal ? 'fatal (curl did not name it)' : 'close notify';
    }
    this.alerts.push({ direction, name, fatal });
    const who = direction === 'in' ? 'server' : 'client';
    this.step('alert', direction, { from: who, name, fatal }, fatal, line);
  }

  /** `error:0A000418:SSL routines::tlsv1 alert unknown ca`: OpenSSL's reason for the failed handshake. */
  private opensslReason(reason: string): void {
    const alert = /(?:sslv3|tlsv1|tlsv13) alert (.+)$/.exec(reason);
    if (alert) {
      // A received alert: usually already seen as a "TLS alert" line, sometimes (curl 8) only here.
      const name = alert[1]!.trim().toLowerCase();
      if (!this.alerts.some((a) => a.direction === 'in' && a.name === name)) {
        this.alerts.push({ direction: 'in', name, fatal: !NON_FATAL_ALERTS.has(name) });
      }
    }
    this.tlsFailure ??= reason;
  }

  private requestLine(text: string, line: string): void {
    const request = /^([A-Z]+) (\S+) (HTTP\/\S+)$/.exec(text);
    if (!request) return;
    if (request[1] === 'CONNECT') {
      this.awaitingConnectResponse = true;
      this.step('proxy-connect', 'out', { target: request[2]! }, false, line);
      return;
    }
    this.method = request[1]!;
    this.step('http-request', 'out', { method: request[1]!, path: request[2]! }, false, line);
  }

  private responseLine(text: string, line: string): void {
    const status = STATUS_LINE.exec(text);
    if (status) {
      if (this.awaitingConnectResponse) {
        this.awaitingConnectResponse = false;
        this.inProxyResponse = true;
        this.step('proxy-response', 'in', { text }, false, line);
        return;
      }
      this.inProxyResponse = false;
      // A later response (after 1xx, or a redirect followed with -L) replaces the earlier one.
      const reason = text.replace(/^HTTP\/\S+\s+\d+\s*/, '').trim();
      this.response = {
        status: Number(status[2]),
        httpVersion: status[1]!,
        reason: reason === '' ? null : reason,
        headers: {},
        endedAt: -1,
      };
      this.bodyLines.length = 0;
      this.step(
        'http-response',
        'in',
        { status: Number(status[2]), text: text.replace(/^HTTP\/\S+\s+/, '') },
        true,
        line,
      );
      return;
    }
    if (text === '') {
      if (this.inProxyResponse) this.inProxyResponse = false;
      else if (this.response && this.response.endedAt < 0) this.response.endedAt = this.index;
      return;
    }
    const header = /^([^:\s]+):\s*(.*)$/.exec(text);
    if (!header || this.inProxyResponse || !this.response || this.response.endedAt >= 0) return;
    const name = header[1]!.toLowerCase();
    const value = header[2]!.trim();
    const headers = this.response.headers;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }

  private curlErrorLine(code: number, message: string, line: string): void {
    this.curlError ??= { code, message };
    // Usually curl said it already in a `*` line; when it did not, its last words still carry the TLS reason.
    const reason = OPENSSL_REASON.exec(message);
    if (reason) this.opensslReason(reason[1]!.trim());
    if (/^SSL certificate problem: /.test(message)) this.tlsFailure ??= message;
    for (const [pattern, name] of CONNECTION_ERRORS) {
      if (pattern.test(message)) {
        this.connectionError ??= name;
        break;
      }
    }
    this.step('curl-failed', 'info', { code, message }, true, line);
  }

  private step(
    kind: HandshakeStepKind,
    direction: HandshakeStep['direction'],
    params: HandshakeStep['params'],
    decisive: boolean,
    line: string,
  ): void {
    this.steps.push({ kind, direction, params, decisive, line, lineIndex: this.index });
  }

  finish(exitCode: number | null, body: string | undefined): ParsedTranscript {
    if (this.clientCertStep !== null) {
      const step = this.steps[this.clientCertStep]!;
      step.params = { empty: !this.sent };
    }

    const received = this.alerts.find((a) => a.fatal && a.direction === 'in');
    const sent = this.alerts.find((a) => a.fatal && a.direction === 'out');
    const error = received
      ? `alert ${received.name}`
      : (this.tlsFailure ?? (sent ? `alert ${sent.name} (sent by curl)` : null));

    let curlError = this.curlError;
    if (curlError === null && exitCode !== null && exitCode !== 0) {
      curlError = { code: exitCode, message: CURL_EXIT_MESSAGES[exitCode] ?? `curl exited with code ${exitCode}` };
    }

    let response: ProbeResponse | null = null;
    if (this.response) {
      const { status, httpVersion, reason, headers } = this.response;
      const isHead = this.method === 'HEAD';
      const inferred = () => inferBody(this.bodyLines, headers['content-length']);
      response = { status, httpVersion, reason, headers, body: isHead ? '' : (body ?? inferred()) };
    }

    return {
      handshake: {
        tlsVersion: this.tlsVersion,
        cipher: this.cipher,
        clientCertificateRequested: this.requested,
        clientCertificateSent: this.sent,
        alpn: this.alpn,
        alerts: this.alerts.map((a) => `alert ${a.name}${a.direction === 'out' ? ' (sent by curl)' : ''}`),
        error,
        ...(this.serverSerial !== null ? { serverCertificateSerial: this.serverSerial } : {}),
      },
      response,
      connectionError: this.connectionError,
      curlError,
      steps: this.steps,
    };
  }
}

/** The body as far as a transcript shows it; Content-Length tells whether it ended with a newline. */
function inferBody(lines: string[], contentLength: string | undefined): string {
  const copy = [...lines];
  while (copy.length > 0 && copy[copy.length - 1]!.trim() === '') copy.pop();
  const body = copy.join('\n');
  return new TextEncoder().encode(body).length + 1 === Number(contentLength) ? `${body}\n` : body;
}
