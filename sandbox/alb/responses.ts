// Responses the ALB makes itself: fixed-response and redirect actions and its own error pages. Pure.
// All carry `server: awselb/2.0` (seed 004's fixed response). Actions: ELB "Listener rules" (rule action types).
// The compiler and the API refuse what AWS refuses (model/validate/), so no status, content type or URL part that
// breaks HTTP reaches here; these functions still never produce one (a status outside 200–599 becomes the ALB's
// 500, a content type that is not a plain type/subtype becomes text/plain, a Location character outside printable
// ASCII is percent-encoded), so that nothing an action holds can make writing the answer throw.
import type { RuleAction } from '../model/topology.js';

export interface AlbResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export const ALB_SERVER = 'awselb/2.0';

/** Reason phrases ALB error pages use (nginx-style wording). */
const REASONS: Record<number, string> = {
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  403: 'Forbidden',
  405: 'Not Allowed',
  408: 'Request Time-out',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  460: '',
  463: '',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** The HTML page an ALB returns for its own errors, e.g. "<html>\r\n<head><title>502 Bad Gateway</title>...". */
export function errorPage(status: number): string {
  const title = `${status} ${reasonPhrase(status)}`.trim();
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

/** ELB troubleshooting ("The load balancer generates an HTTP error"): 400 malformed request or headers over
 * 16K/64K, 405 TRACE, 463 over 30 X-Forwarded-For addresses, 501 unsupported Transfer-Encoding,
 * 502 target refused/reset/malformed, 503 no registered targets, 504 target connect timeout. */
export function errorResponse(status: number): AlbResponse {
  return { status, headers: [['content-type', 'text/html']], body: errorPage(status) };
}

/** A media type as a header can carry it: token/token, nothing else. */
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/;

export function fixedResponse(action: Extract<RuleAction, { type: 'fixed-response' }>): AlbResponse {
  if (!Number.isInteger(action.statusCode) || action.statusCode < 200 || action.statusCode > 599)
    return errorResponse(500);
  // seed 004: ContentType text/plain came back as "text/plain; charset=utf-8"
  const written = action.contentType ?? 'text/plain';
  const type = `${MEDIA_TYPE.test(written) ? written : 'text/plain'}; charset=utf-8`;
  return { status: action.statusCode, headers: [['content-type', type]], body: action.messageBody ?? '' };
}

/** Percent-encodes (UTF-8) every character a Location header cannot carry as it is: controls, space, non-ASCII. */
function locationSafe(text: string): string {
  return text.replace(/[^\x21-\x7e]/gu, (ch) =>
    Array.from(UTF8.encode(ch), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
const UTF8 = new TextEncoder();

export interface RedirectSource {
  protocol: 'http' | 'https';
  /** Host without port. */
  host: string;
  /** The listener's port as the client knows it. */
  port: number;
  /** Path with its leading "/". */
  path: string;
  /** Raw query without "?". */
  query: string;
}

/** Builds the Location of a redirect action. #{protocol}, #{host}, #{port}, #{path} (without its leading "/")
 * and #{query} are the original components (ELB "Listener rules": redirect actions). */
export function redirectLocation(action: Extract<RuleAction, { type: 'redirect' }>, src: RedirectSource): string {
  const fill = (template: string) =>
    template
      .replace(/#\{protocol\}/g, src.protocol)
      .replace(/#\{host\}/g, src.host)
      .replace(/#\{port\}/g, String(src.port))
      .replace(/#\{path\}/g, src.path.replace(/^\//, ''))
      .replace(/#\{query\}/g, src.query);
  const protocol = fill(action.protocol || '#{protocol}').toLowerCase();
  const host = fill(action.host || '#{host}');
  const port = fill(action.port || '#{port}');
  let path = fill(action.path || '/#{path}');
  if (!path.startsWith('/')) path = `/${path}`;
  const query = fill(action.query);
  return locationSafe(`${protocol}://${host}:${port}${path}${query ? `?${query}` : ''}`);
}

export function redirectResponse(action: Extract<RuleAction, { type: 'redirect' }>, src: RedirectSource): AlbResponse {
  const status = action.statusCode === 'HTTP_301' ? 301 : 302;
  return {
    status,
    headers: [
      ['content-type', 'text/html'],
      ['location', redirectLocation(action, src)],
    ],
    body: errorPage(status),
  };
}
