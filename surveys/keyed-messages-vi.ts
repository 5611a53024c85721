/**
 * Vietnamese for the console of the English messages that keyed-file and self-assessment checks give (surveys/keyed.ts,
 * surveys/self-points.ts, surveys/csv.ts, surveys/serial.ts): the CLI and logs keep English, people on the console read Vietnamese. Quoted values from the
 * file are carried over untouched; a message with no rule here is shown as it is.
 */
type Rule = [RegExp, (...m: string[]) => string];

const HEADER_DETAIL: [RegExp, string][] = [
  [/^missing /, 'thiếu '],
  [/^unexpected /, 'thừa '],
  [/^columns in the wrong order$/, 'các cột sai thứ tự'],
];

const RULES: Rule[] = [
  [
    /^the header must be "(.*)", found "(.*)" \((.*)\)$/s,
    (want, found, detail) =>
      `dòng tiêu đề phải là "${want}", tệp có "${found}" (${detail
        .split('; ')
        .map((d) => HEADER_DETAIL.reduce((t, [re, vi]) => t.replace(re, vi), d))
        .join('; ')})`,
  ],
  [/^expected (\d+) fields \((.*)\), found (\d+)$/, (n, cols, found) => `cần ${n} cột (${cols}), dòng này có ${found}`],
  [
    /^expected (\d+) fields \((.*)\), found (\d+): a number with a decimal comma .*$/,
    (n, cols, found) =>
      `cần ${n} cột (${cols}), dòng này có ${found}: số thập phân viết dấu phẩy (2,5) bị tách thành hai cột trong tệp phân cách bằng dấu phẩy; hãy lưu tệp với dấu ";" (Excel "CSV (semicolon delimited)"), đặt số trong ngoặc kép ("2,5") hoặc viết dấu chấm (2.5)`,
  ],
  [
    /^unit "(.*)" could be (.*) on form (\S+)( \(Excel drops leading zeros: .*\))?$/,
    (u, list, s, zeros) => `mã đơn vị "${u}" có thể là ${list.replace(/ or /g, ' hoặc ')} trên phiếu ${s}${zeros ? ' (Excel bỏ số 0 ở đầu: hãy định dạng cột unit là Text)' : ''}`,
  ],
  [/^a quoted field is never closed \(a stray (?:'"'|") ?(?:character)?\?\)$/, () => 'có ô mở dấu ngoặc kép " mà không đóng (thừa một dấu "?)'],
  [/^a quoted field has text after its closing quote$/, () => 'có ô còn chữ sau dấu ngoặc kép đóng'],
  [/^the file is empty: expected the header "(.*)"$/, (h) => `tệp trống: cần dòng tiêu đề "${h}"`],
  [/^the file is empty \(no header row\)$/, () => 'tệp trống (không có dòng tiêu đề)'],
  [/^the file has no data rows below the header "(.*)"$/, (h) => `tệp không có dòng dữ liệu nào dưới dòng tiêu đề "${h}"`],
  [/^the operator name is empty$/, () => 'chưa có tên người nhập'],
  [/^campaign (\S+) has no double entry: there is no pass 2$/, (c) => `đợt ${c} chỉ nhập phiếu một lần: không có lượt 2`],
  [/^form (\S+) belongs to group "(.*)", which has no form in campaign (\S+)$/, (s, g, c) => `phiếu ${s} thuộc nhóm "${g}", nhóm này không có mẫu phiếu trong đợt ${c}`],
  [/^form (\S+) is void$/, (s) => `phiếu ${s} đã bị hủy`],
  [/^form (\S+) is invalid$/, (s) => `phiếu ${s} đã bị đánh dấu không hợp lệ`],
  [/^form (\S+) is already counted from the web$/, (s) => `phiếu ${s} đã được tính từ câu trả lời trực tuyến`],
  [/^form (\S+) is already counted$/, (s) => `phiếu ${s} đã được tính`],
  [/^pass (\d) of form (\S+) is already keyed$/, (p, s) => `lượt ${p} của phiếu ${s} đã được nhập`],
  [
    /^pass (\d) of form (\S+) must be keyed by another operator than pass (\d) \((.*)\)$/,
    (p, s, q, o) => `lượt ${p} của phiếu ${s} phải do một người khác nhập, không phải người đã nhập lượt ${q} (${o})`,
  ],
  [
    /^pass (\d) of form (\S+) must be loaded by another person than pass (\d) \((.*)\)$/,
    (p, s, q, o) => `lượt ${p} của phiếu ${s} phải do một người khác nạp, không phải người đã nạp lượt ${q} (${o}), dù ghi tên người nhập khác`,
  ],
  [/^form (\S+): 1 cell missing \((.*)\)$/, (s, c) => `phiếu ${s}: thiếu 1 ô (${c})`],
  [/^form (\S+): (\d+) cells missing \(e\.g\. (.*)\)$/, (s, n, c) => `phiếu ${s}: thiếu ${n} ô (ví dụ ${c})`],
  [/^serial is empty$/, () => 'thiếu số phiếu'],
  [/^serial "(.*)" must be digits only$/, (x) => `số phiếu "${x}" chỉ được có chữ số`],
  [/^serial "(.*)" is too short$/, (x) => `số phiếu "${x}" quá ngắn`],
  [/^serial "(.*)" has a wrong check character \(mistyped\?\)$/, (x) => `số phiếu "${x}" sai ký tự kiểm tra (gõ nhầm?)`],
  [/^unknown serial "(.*)"$/, (x) => `không có phiếu số "${x}"`],
  [/^unit is empty, but form (\S+) rates (\d+) units \((.*)\)$/, (s, n, l) => `thiếu mã đơn vị, mà phiếu ${s} đánh giá ${n} đơn vị (${l})`],
  [/^unit "(.*)" is not rated by form (\S+) \(it rates: (.*)\)$/, (u, s, l) => `phiếu ${s} không đánh giá đơn vị "${u}" (phiếu đánh giá: ${l})`],
  [/^unknown unit "(.*)" \(form (\S+) rates: (.*)\)$/, (u, s, l) => `không có đơn vị mã "${u}" (phiếu ${s} đánh giá: ${l})`],
  [/^question is empty$/, () => 'thiếu mã câu hỏi'],
  [
    /^question "(.*)" could be (.*) on form (\S+)( \(Excel drops leading zeros: .*\))?$/,
    (q, list, f, zeros) => `mã câu "${q}" có thể là ${list.replace(/ or /g, ' hoặc ')} trên mẫu phiếu ${f}${zeros ? ' (Excel bỏ số 0 ở đầu: hãy định dạng cột question là Text)' : ''}`,
  ],
  [/^question "(.*)" is not on form (\S+)$/, (q, f) => `mẫu phiếu ${f} không có câu "${q}"`],
  [
    /^answer "(.*)" is not an option of (\S+) \((.*); "" blank, "\*" spoiled\)$/,
    (a, set, codes) => `"${a}" không phải phương án của bộ ${set} (${codes}; để trống nếu ô trống, "*" nếu ô hỏng)`,
  ],
  // Self-assessment points files (surveys/self-points.ts), read through the same CSV reader.
  [/^unit_code is empty$/, () => 'thiếu mã đơn vị (unit_code)'],
  [
    /^unit "(.*)" could be (.*?)( \(Excel drops leading zeros: .*\))?$/,
    (u, list, zeros) => `mã đơn vị "${u}" có thể là ${list.replace(/ or /g, ' hoặc ')}${zeros ? ' (Excel bỏ số 0 ở đầu: hãy định dạng cột unit_code là Text)' : ''}`,
  ],
  [/^unknown unit "(.*)"$/, (u) => `không có đơn vị mã "${u}"`],
  [/^unit "(.*)" is repeated \(first at row (\d+)\)$/, (u, n) => `đơn vị "${u}" lặp lại (lần đầu ở dòng ${n})`],
  [/^unit "(.*)" is of level "(.*)", which has no criteria in campaign (\S+)$/, (u, l, c) => `đơn vị "${u}" thuộc cấp "${l}", cấp này không có tiêu chí nào trong đợt ${c}`],
  [/^(self_points|self_max) is empty$/, (n) => `thiếu ${n}`],
  [/^(self_points|self_max) "(.*)" is not a number$/, (n, v) => `${n} "${v}" không phải là số`],
  [/^self_points (.*) is negative$/, (v) => `self_points ${v} là số âm`],
  [/^self_max (.*) must be greater than 0$/, (v) => `self_max ${v} phải lớn hơn 0`],
  [/^self_points (.*) is greater than self_max (.*)$/, (p, m) => `self_points ${p} lớn hơn self_max ${m}`],
  [/^repeats row (\d+) \((\S+) (\S+) (.+)\)$/, (n, s, u, q) => `trùng với dòng ${n} (phiếu ${s}, đơn vị ${u}, câu ${q})`],
];

/** One message in Vietnamese; `row N: ` becomes `Dòng N: `, and a message without a row starts with a capital. */
export function keyedProblemVi(message: string): string {
  const row = /^row (\d+): (.*)$/s.exec(message);
  const rest = row ? row[2] : message;
  const rule = RULES.find(([re]) => re.test(rest));
  const text = rule ? rule[1](...rule[0].exec(rest)!.slice(1)) : rest;
  return row ? `Dòng ${row[1]}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
}
