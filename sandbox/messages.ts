// What the engine says, as data: a code and its parameters. The engine never words a sentence itself (the scenario
// texts it is given aside); one catalogue (cli/i18n/) renders every code in English and Japanese.

export type MessageParam = string | number | boolean | null;

export interface Message {
  code: MessageCode;
  params?: Record<string, MessageParam>;
  /** A message this one wraps, e.g. one request's mismatch inside "client-3 request 2: …". */
  inner?: Message;
}

export const msg = (code: MessageCode, params?: Record<string, MessageParam>, inner?: Message): Message =>
  inner ? { code, params: params ?? {}, inner } : params ? { code, params } : { code };

/** Every message code. The catalogue (cli/i18n/messages.ts) has a text for each, in each language. */
export type MessageCode =
  // The judge: why an observation differs from its expectation (sandbox/judge.ts).
  | 'mismatch.status'
  | 'mismatch.body-includes'
  | 'mismatch.body-excludes'
  | 'mismatch.response-header'
  | 'mismatch.connection-error-unexpected'
  | 'mismatch.connection-error'
  | 'mismatch.curl-exit'
  | 'mismatch.certificate-requested'
  | 'mismatch.certificate-not-requested'
  | 'mismatch.certificate-sent'
  | 'mismatch.certificate-not-sent'
  | 'mismatch.tls-version'
  | 'mismatch.server-serial'
  | 'mismatch.target-unexpected'
  | 'mismatch.target-missing'
  | 'mismatch.target-one-of'
  | 'mismatch.target-detail'
  | 'mismatch.target-detail-includes'
  | 'mismatch.target-header-present'
  | 'mismatch.target-header'
  | 'mismatch.connection-log-missing'
  | 'mismatch.connection-log-field'
  | 'mismatch.waf-unexpected'
  | 'mismatch.waf-missing'
  | 'mismatch.waf-action'
  | 'mismatch.waf-rule'
  | 'mismatch.request'
  | 'mismatch.more-requests'
  | 'mismatch.per-target'
  | 'mismatch.targets'
  | 'mismatch.targets-per-client'
  | 'mismatch.more-clients'
  // Why a probe is skipped on this machine.
  | 'skip.source-not-an-address'
  | 'skip.source-not-local'
  | 'skip.listener-limitation';
