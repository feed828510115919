// Every text a user reads comes in English and Japanese.
export type Lang = 'en' | 'ja';
export interface Text {
  en: string;
  ja: string;
}
export const pick = (text: Text, lang: Lang): string => text[lang] || text.en;
