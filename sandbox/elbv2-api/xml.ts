// The AWS Query protocol's response side: <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>, lists
// as <member> elements, in the ELBv2 namespace; errors as <ErrorResponse><Error><Type/><Code/><Message/></Error>.
// Element names are the API model's member names (botocore elbv2 service-2.json). Pure.

export const ELBV2_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/** A response body: structures as objects (members in order), lists as arrays, scalars as strings/numbers/booleans;
 * null and undefined members are left out, as AWS leaves out members it has no value for. */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [member: string]: XmlValue };

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

function render(name: string, value: XmlValue, indent: string): string {
  if (value === null || value === undefined) return '';
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
