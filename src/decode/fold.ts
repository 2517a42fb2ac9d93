// Diacritic folding for search and keys. Unicode decomposition strips tone and vowel marks,
// but `đ`/`Đ` is a letter of its own (no decomposition), so it is mapped explicitly: SQLite's
// and many libraries' folding leave it alone and `da nang` would miss `Đà Nẵng`.
const COMBINING = /[\u0300-\u036f]/g;

export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Folded and lower-cased: the form used for keys and the search index. */
export function foldKey(text: string): string {
  return foldDiacritics(text).toLowerCase();
}
