/** Whose figures a dashboard or the board shows, and the chooser offered, from the API's answer. */
import { describe, expect, it } from 'vitest';
import { councilQuery, levelView, PARTNERSHIP_WORDS } from './level';

const riverside = { id: 'riverside-council', name: 'Riverside City Council' };
const eastbrook = { id: 'eastbrook-council', name: 'Eastbrook Council' };

describe('whose figures', () => {
  it("names the partnership's, with no chooser for a reader who may read only the partnership's", () => {
    expect(levelView({ council: null, councils: [] })).toEqual({ name: PARTNERSHIP_WORDS, query: '' });
    expect(levelView({})).toEqual({ name: PARTNERSHIP_WORDS, query: '' });
  });

  it('offers the partnership and each council the reader may read, the chosen one selected, and asks for it again', () => {
    const view = levelView({ council: eastbrook, councils: [riverside, eastbrook] });
    expect(view.name).toBe('Eastbrook Council');
    expect(view.query).toBe('?council=eastbrook-council');
    expect(view.options).toEqual([
      { value: '', text: PARTNERSHIP_WORDS, selected: false },
      { value: 'riverside-council', text: 'Riverside City Council', selected: false },
      { value: 'eastbrook-council', text: 'Eastbrook Council', selected: true },
    ]);
  });

  it("passes the page's ?council= to the API, and an empty choice as the partnership's", () => {
    expect(councilQuery(new URLSearchParams('council=riverside-council'))).toEqual({ council: 'riverside-council' });
    expect(councilQuery(new URLSearchParams('council='))).toEqual({});
    expect(councilQuery(new URLSearchParams(''))).toEqual({});
  });
});
