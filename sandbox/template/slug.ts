// A construct path or file name as a lowercase id part: "Alb/Https" → "alb-https". Used in scenario ids, probe and
// backend names, which also become folder names. Pure.
export const slug = (text: string): string =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
