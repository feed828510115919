// The shape of the catalogue's message entries, shared by the files that hold them. Types only.
import type { MessageCode, MessageParam } from '../../sandbox/messages.js';
import type { Lang } from '../../sandbox/text.js';

export type Params = Record<string, MessageParam>;
export type Render = (p: Params, inner: (lang: Lang) => string, parts: (lang: Lang) => string[]) => string;
export type MessageTexts = Record<MessageCode, { en: Render; ja: Render }>;
