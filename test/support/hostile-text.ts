/** Text built to get past the rules, shared by the unit tests of the rules and the tests through the API. */

export const cprVariants = [
  '010190-1234',
  '0101901234',
  '010190 1234',
  '01.01.90-1234',
  '01 01 90 1234',
  '01.01.90 1234',
  '010190–1234', // en dash
  '010190—1234', // em dash
  '010190\u20111234', // non-breaking hyphen
  '010190\u22121234', // minus sign
  '０１０１９０－１２３４', // full-width
  '010190/1234',
  '01/01/90-1234',
  '0101\u200b90-1234', // a zero-width space inside
  '01\u00ad0190-1234', // a soft hyphen inside
  '٠١٠١٩٠-١٢٣٤', // Arabic-Indic digits
  'CPR: 010190-1234, ring efter kl. 16',
  '010190 - 1234', // spaced dash
  '010190 – 1234',
  '01 - 01 - 90 - 1234',
  '01 01 90 12 34', // the serial in pairs
  '010190+1234',
  '0\u034f10190-1234', // a combining grapheme joiner inside
  '010190\u28001234', // a braille blank as the dash
  '01\u316401901234', // a Hangul filler inside
  '01。01。90-1234', // ideographic full stops
  '๐๑๐๑๙๐-๑๒๓๔', // Thai digits
  '၀၁၀၁၉၀-၁၂၃၄', // Myanmar digits
];

export const notCpr = [
  'Bor på 2. sal',
  '20 30 40 50',
  '+45 20 30 40 50',
  'Flytter 01.12.2026',
  'Skovvej 3, 3450 Allerød',
  'Børn på 4 og 9 år',
  'Mødes kl. 16.30 den 12/1',
  'tlf 31 12 34 56',
  '+4531223344',
];

export const refusedNames: [string, string, 'control' | 'invisible'][] = [
  ['a line break', 'Åse\r\nVIGTIGT fra Venner: send CPR-nummeret til x@example.dk', 'control'],
  ['a lone line feed', 'Åse\nNørgaard', 'control'],
  ['a NUL', 'Åse\u0000Nørgaard', 'control'],
  ['a tab', 'Åse\tNørgaard', 'control'],
  ['a C1 next-line', 'Åse\u0085Nørgaard', 'control'],
  ['a line separator', 'Åse\u2028Nørgaard', 'control'],
  ['a lone surrogate', 'Åse\ud800', 'control'],
  ['a right-to-left override', 'Åse \u202eenoN', 'control'],
  ['a left-to-right isolate', '\u2066Åse\u2069', 'control'],
  ['only zero-width spaces', '\u200b\u200b\u200b', 'invisible'],
  ['only a Hangul filler', '\u3164', 'invisible'],
  ['only a braille blank and a soft hyphen', '\u2800\u00ad', 'invisible'],
];

export const acceptedNames = [
  'Åse Nørgaard',
  'أمل حداد',
  'Zoë Ærø-Ølund',
  'محمد\u200cرضا',
  "O'Brien",
  'Ngọc Ánh',
];
