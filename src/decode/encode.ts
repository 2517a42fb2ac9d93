// The way back to legacy bytes: for tests, benchmarks and anyone exporting to an old system.
// Written the way the real tools wrote these files, so round trips test the real thing.
import iconv from 'iconv-lite';
import { unicodeToVni } from './vni.ts';

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
const ICONV: Record<string, string> = { 'windows-1258': 'windows1258', viscii: 'viscii', tcvn3: 'tcvn', 'windows-1252': 'windows1252' };

/**
 * Windows-1258 has only a few precomposed toned letters (à, á, é...); Windows converters write
 * every other toned letter as base letter (with its quality mark, ê, ơ...) + a combining tone mark.
 */
function to1258(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (iconv.decode(iconv.encode(ch, 'windows1258'), 'windows1258') === ch) {
      out += ch;
      continue;
    }
    const [base, ...marks] = ch.normalize('NFD');
    out += (base! + marks.filter((m) => !TONE.test(m)).join('')).normalize('NFC') + marks.filter((m) => TONE.test(m)).join('');
  }
  return out;
}

/** Encode text in one of our charset names (`windows-1258`, `viscii`, `tcvn3`, `vni`, `windows-1252`). Unmappable characters become `?`. */
export function encodeAs(text: string, charset: string): Buffer {
  if (charset === 'vni') return iconv.encode(unicodeToVni(text), 'windows1252');
  if (charset === 'windows-1258') return iconv.encode(to1258(text), 'windows1258');
  return iconv.encode(text.normalize('NFC'), ICONV[charset] ?? charset);
}
