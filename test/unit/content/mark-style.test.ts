import { describe, expect, it } from 'vitest';
import { markStyleCss } from '../../../src/content/mark-style';

describe('mark style', () => {
  it('mark styles keep the highlight names', () => {
    expect(markStyleCss('underline')).toBe('');
    expect(markStyleCss('dotted')).toContain(':root:root ::highlight(backstory-person)');
    expect(markStyleCss('background')).toContain('::highlight(backstory-quote)');
  });
});
