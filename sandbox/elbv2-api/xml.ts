// The AWS Query protocol's response side: <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>, lists
// as <member> elements, in the ELBv2 namespace; errors as <ErrorResponse><Error><Type/><Code/><Message/></Error>.
// Element names are the API model's member names (botocore elbv2 service-2.json). Pure.

import { notInXml } from '../model/validate/refusal.js';

export const ELBV2_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/** A string-to-string map, as the Query protocol writes one: <entry><key>…</key><value>…</value></entry>. */
export class XmlMap {
  constructor(readonly entries: [string, string][]) {}
}

/** A response body: structures as objects (members in order), lists as arrays, maps as XmlMap, scalars as
 * strings/numbers/booleans; null and undefined members are left out, as AWS leaves out members it has no value for. */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlMap
  | XmlValue[]
  | { [member: string]: XmlValue };

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Written as references so that a parser keeps them as they are (a literal CR would become LF).
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/**
 * Text as XML 1.0 content. Characters XML cannot carry at all (other C0 controls, lone surrogates, U+FFFE/U+FFFF)
 * become U+FFFD, so that the AWS CLI can always parse the answer; the API refuses them where AWS takes text
 * (model/validate/), so this only ever touches what a client sent to be echoed in an error message.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    out += notInXml(text, i) ? '\ufffd' : (ENTITIES[ch] ?? ch);
  }
  return out;
}

function render(name: string, value: XmlValue, indent: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof XmlMap) {
    const inner = `${indent}    `;
    const entries = value.entries
      .map(
        ([key, item]) =>
          `${indent}  <entry>\n${inner}<key>${escapeXml(key)}</key>\n${inner}<value>${escapeXml(item)}</value>\n${indent}  </entry>\n`,
      )
      .join('');
    return `${indent}<${name}>\n${entries}${indent}</${name}>\n`;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => render('member', item, `${indent}  `)).join('');
    return `${indent}<${name}>\n${items}${indent}</${name}>\n`;
  }
  if (typeof value === 'object') {
    const members = Object.entries(value)
      .map(([member, item]) => render(member, item, `${indent}  `))
      .join('');
    return `${indent}<${name}>\n${members}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

export function xmlResponse(action: string, result: { [member: string]: XmlValue }, requestId: string): string {
  const members = Object.entries(result)
    .map(([member, item]) => render(member, item, '    '))
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ELBV2_NAMESPACE}">\n` +
    `  <${action}Result>\n${members}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`
  );
}

export function xmlError(code: string, message: string, requestId: string, status: number): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${ELBV2_NAMESPACE}">\n  <Error>\n` +
    `    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n` +
    `  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  );
}
