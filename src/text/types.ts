/** The contract between ingestion (src/text) and everything that reads documents. */

export type DocumentFormat = 'txt' | 'docx' | 'pdf' | 'html';

export interface Repair {
  /**
   * Stable code: `invisible_characters`, `pinyin_annotation`, `mojibake` (reversed cleanly),
   * `mojibake_damaged` (marked in `damaged`), `traditional_to_simplified`, `full_width`,
   * `number_spacing`, `repeated_block` (dropped), `broken_line_joined`, `page_furniture` (marked in
   * `furniture`), `page_furniture_removed` (taken out of a sentence mended across a page break).
   */
  kind: string;
  count: number;
  /** A few before → after samples for the import report. */
  examples: string[];
}

export interface Span {
  start: number;
  end: number;
}

export interface TableCell {
  text: string;
}

export interface DocumentTable {
  /** Offsets of the table in the normalised text, where the table was rendered as tab-separated lines. */
  start: number;
  end: number;
  rows: string[][];
}

export interface IngestInput {
  bytes: Uint8Array;
  fileName: string;
  /** Media type as declared by the uploader; a hint only, content decides. */
  mediaType?: string | undefined;
  /** Refuse larger inputs with UPLOAD_TOO_LARGE; defaults to 64 MB (MAX_INPUT_BYTES). */
  maxBytes?: number | undefined;
}

export interface NormalizedDocument {
  format: DocumentFormat;
  mediaType: string;
  /** Encoding of a text file (`utf-8`, `gb18030`, `big5`, `utf-16le` …); `binary` for docx/pdf. */
  encoding: string;
  /** 0..1: how sure the decoder is of `encoding`. */
  encodingConfidence: number;
  /** Normalised simplified-Chinese text every extractor reads. */
  text: string;
  /**
   * The decoded text before any repair, for display and for tracing back. For docx/html/pdf it is
   * the text as read from the container (tables already rendered as tab-separated lines).
   */
  originalText: string;
  repairs: Repair[];
  tables: DocumentTable[];
  /** Spans of `text` that could not be repaired: no extractor may take values out of them. */
  damaged: Span[];
  /** Spans of `text` that are page furniture (page numbers, running heads, credit lines). */
  furniture: Span[];
  /**
   * Map from normalised offsets back to `originalText`: sorted anchor pairs [normalisedOffset, originalOffset];
   * between anchors offsets advance together.
   */
  offsetMap: Array<[number, number]>;
  /** Number of pages, for a PDF. */
  pages?: number;
}
