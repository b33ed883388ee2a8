/** A path in the visitor's language: `?lang=en` is added for English, with any extra query. */
export const withLang = (path: string, lang: 'da' | 'en', query = ''): string => {
  const params = new URLSearchParams(query);
  if (lang === 'en') params.set('lang', 'en');
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};
