/** The results report as a document model (issue 14): blocks of text, tables and charts that the .docx, HTML and PDF renderers each lay out, so the three say the same thing. */

/**
 * A table cell's text, already formatted (decimal comma); `align` right for numbers; `span` the columns it covers
 * (a group row such as a level's name across the code and name columns), 1 when absent.
 */
export type ReportCell = { text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; span?: number };

export type ReportBlock =
  /** Section headings: level 1 "I. MỤC ĐÍCH, PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT", level 2 "1. …", level 3 "a) …". */
  /** `center`: the annex's «PHỤ LỤC», centred as Nghị định 30/2020/NĐ-CP sets an annex's title. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; center?: boolean }
  | { kind: 'paragraph'; text: string; italic?: boolean }
  /** `head` rows repeat on every page; `widths` are relative column widths; `caption` above ("Bảng 1. …"), `note` below. */
  | { kind: 'table'; caption: string; head: ReportCell[][]; rows: ReportCell[][]; widths: number[]; note?: string }
  /** A chart as self-contained SVG markup (surveys/charts.ts), its size in mm on the page, caption below ("Biểu đồ 1. …"). */
  | { kind: 'chart'; caption: string; svg: string; width: number; height: number }
  | { kind: 'page-break' };

/**
 * The heading block of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the issuing body under its
 * parent on the left, the national motto on the right, then the number, place and date; the title and its subject
 * line; at the end the recipients («Nơi nhận») and the signer's title.
 */
export type ReportHeading = {
  /** "UBND TỈNH LAI CHÂU" */
  parent: string;
  /** "SỞ NỘI VỤ" */
  body: string;
  /** "Số:      /BC-SNV" */
  number: string;
  /** "Lai Châu, ngày 29 tháng 11 năm 2026" */
  placeDate: string;
  /** "BÁO CÁO" */
  title: string;
  /** "Kết quả điều tra xã hội học …" */
  subject: string;
};

export type ReportDocument = {
  heading: ReportHeading;
  blocks: ReportBlock[];
  recipients: string[];
  /** "GIÁM ĐỐC" */
  signer: string;
  /** Document properties and the file's name: "Báo cáo kết quả điều tra xã hội học LCU-2020". */
  name: string;
  /**
   * Index in `blocks` where the annex (Phụ lục) begins: the recipients and the signer close the report before it, as
   * an annex follows the signed text. Absent: they close the document after the last block.
   */
  annexFrom?: number;
};
