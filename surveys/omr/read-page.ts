/** The scan reader (issue 15): a page image and the layout map in, the page's identity and every cell's reading out. Placeholder until the reader lands. */
import type { ReadPage } from './reading';

export const readPage: ReadPage = async () => {
  throw new Error('the scan reader is not built yet');
};
