/**
 * Whose figures a dashboard or the board shows: the partnership's (every council's cases) or one council's,
 * as the API's answer says (`council`, and `councils`, the levels the reader may choose). The words of
 * the level, the query that asks for it again (the CSV link), and the chooser's options where the reader
 * may read more than the partnership's.
 */
import type { CouncilLevel } from '#core/figures/levels';

export const PARTNERSHIP_WORDS = 'The partnership (every council)';

export interface LevelView {
  /** The level's words: a council's name, or the partnership's. */
  name: string;
  /** '' for the partnership, else `?council=<id>`. */
  query: string;
  /** The chooser's options (GOV.UK select items); absent where the reader reads the partnership's only. */
  options?: { value: string; text: string; selected: boolean }[];
}

export function levelView(answer: { council?: CouncilLevel | null; councils?: readonly CouncilLevel[] }): LevelView {
  const chosen = answer.council ?? null;
  const councils = answer.councils ?? [];
  return {
    name: chosen?.name ?? PARTNERSHIP_WORDS,
    query: chosen ? `?council=${encodeURIComponent(chosen.id)}` : '',
    ...(councils.length
      ? {
          options: [
            { value: '', text: PARTNERSHIP_WORDS, selected: !chosen },
            ...councils.map((c) => ({ value: c.id, text: c.name, selected: c.id === chosen?.id })),
          ],
        }
      : {}),
  };
}

/** The API's query for the level a page was asked for (`?council=`; empty or absent: the partnership's). */
export function councilQuery(query: URLSearchParams): Record<string, string> {
  const council = query.get('council');
  return council ? { council } : {};
}
