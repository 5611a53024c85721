/** What the scan reader says about one scanned page and each of its cells (issue 15): the shapes shared by the reader, the import and the verification screen. */
import type { PageMap, Rect } from './layout-map';

/** A page image as the reader takes it: 8-bit luminance, row-major, one byte a pixel, 0 black to 255 white. */
export type GreyImage = { width: number; height: number; data: Uint8Array | Uint8ClampedArray };

/** The page a QR code names. */
export type PageId = { serial: string; page: number; pages: number };

/**
 * How a cell was read. `answer` is the option code marked, '' blank, '*' spoiled (several marks), as in a keyed CSV.
 * `sure` false sends the cell to a person (why 'print': the option code printed inside a box could not be told from
 * a mark: too few boxes of the code on the page to learn it, a learned code as dark as marks, or print hiding most of the
 * box); `answer` is then the reader's best guess. `fill` is the measured darkness
 * (0 white to 1 black) of each of the cell's boxes in the map's order; `row` the rectangle (mm) of the question's row
 * of boxes for this unit, shown beside the reading on the verification screen.
 */
export type CellReading = {
  unit: string;
  question: string;
  answer: string;
  sure: boolean;
  why?: 'faint' | 'several' | 'correction' | 'overflow' | 'registration' | 'print';
  fill: number[];
  row: Rect;
};

/** Why a page could not be read. */
export type PageProblem =
  | { kind: 'qr-not-found' }
  | { kind: 'qr-not-ours'; text: string }
  /** The QR code's campaign tag is another campaign's: `other` is that campaign's code when it is stored here. */
  | { kind: 'campaign-other'; serial: string; page: number | null; other: string | null }
  | { kind: 'page-unknown'; serial: string; page: number }
  | { kind: 'marks-not-found'; serial: string; page: number };

/** One page read: which page it is, how it lay on the scanner, and every cell of its map. */
export type PageReading =
  | {
      ok: true;
      id: PageId;
      /** How the page lay: quarter turns (clockwise) and the residual skew in degrees. */
      rotation: 0 | 90 | 180 | 270;
      skew: number;
      /** Pixels per inch measured from the registration marks. */
      dpi: number;
      /** Affine map from sheet millimetres to pixels of the image as given: px = a·x + c·y + e, py = b·x + d·y + f. */
      transform: [a: number, b: number, c: number, d: number, e: number, f: number];
      cells: CellReading[];
    }
  | { ok: false; problem: PageProblem };

/** The reader: finds the QR code, asks `mapOf` for that page's map (null: not a page of ours), registers and reads it. */
export type ReadPage = (image: GreyImage, mapOf: (id: PageId) => PageMap | null) => Promise<PageReading>;
