import { describe, expect, it } from 'vitest';
import { csvCell, csvFilename, toCsv } from '../../../server/api/dashboard/csv.js';

describe('CSV cells', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('Mei Chen')).toBe('Mei Chen');
    expect(csvCell(72.5)).toBe('72.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('yes');
    expect(csvCell(false)).toBe('no');
  });

  it('quotes commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvCell('Rivera, Tomás')).toBe('"Rivera, Tomás"');
    expect(csvCell('Liam "Red" O\'Connor')).toBe('"Liam ""Red"" O\'Connor"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    // Where ; or a tab separates cells, a formula after one would start a cell of its own.
    expect(csvCell('Ana;=1+1')).toBe('"Ana;\'=1+1"');
    expect(csvCell('a\t@SUM(A1)')).toBe("a\t'@SUM(A1)");
    // Only a sign at the start of a cell matters; numbers are never text from outside.
    expect(csvCell('Al-Sayed')).toBe('Al-Sayed');
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('CSV files', () => {
  it('starts with a byte order mark and ends every row, empty ones too, with CRLF', () => {
    expect(toCsv([['a', 1], [], ['b', null]])).toBe('\uFEFFa,1\r\n\r\nb,\r\n');
  });

  it('names the file after the activity, safely', () => {
    expect(csvFilename('Damp housing & asthma')).toBe('damp-housing-asthma-class.csv');
    expect(csvFilename('Médecine sociale: semaine 3')).toBe('medecine-sociale-semaine-3-class.csv');
    expect(csvFilename('../../etc/passwd')).toBe('etc-passwd-class.csv');
    expect(csvFilename('健康')).toBe('activity-class.csv');
    expect(csvFilename('x'.repeat(100))).toHaveLength(60 + '-class.csv'.length);
  });
});
