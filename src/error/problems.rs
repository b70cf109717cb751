//! Every reason a check or an export can refuse to run: code, typed arguments and messages, in
//! one table (the rule catalogue's counterpart for refusals).
//!
//! Codes are a public contract, like rule codes: add freely, never rename or reuse one. Each
//! template's `{slots}` are exactly its variant's fields, checked when the crate compiles, so a
//! template that forgets a field, or names one the variant lacks, does not compile — in each of
//! its texts: `zh`, `tw` (zh-TW), `en` (what a person reads, after the file's name) and `legacy`
//! (the English message of earlier versions, kept as `Error`'s `Display` for embedders that
//! match on it). The same mechanism as the rule catalogue's (`crate::message`). Templates are
//! filled at run time by one small function rather than by `format!` per variant: the wasm is
//! 40 KB smaller.

use std::borrow::Cow;

use crate::message::{self, template, Arg, ArgValue, Column, Texts};
use crate::vocab::{Field, FileKind, Lang};

macro_rules! problems {
    ($(
        $(#[$doc:meta])*
        $variant:ident { $($arg:ident : $ty:ty),* $(,)? } = $code:literal,
            zh: $zh:literal,
            tw: $tw:literal,
            en: $en:literal,
            legacy: $legacy:literal;
    )*) => {
        /// Why a check or an export could not run, with what the message needs to say it.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Problem {
            $($(#[$doc])* $variant { $($arg: $ty),* }),*
        }

        /// The variants without their fields: an index into [`ENTRIES`].
        #[derive(Clone, Copy)]
        enum Kind { $($variant),* }

        /// Each problem's code, argument names and templates, in table order.
        const ENTRIES: &[Entry] = &[$(Entry {
            code: $code,
            names: &[$(stringify!($arg)),*],
            texts: [$zh, $tw, $en],
            legacy: $legacy,
        }),*];

        /// Every error code, in table order.
        pub const ERROR_CODES: &[&str] = &[$($code),*];

        // Each template names exactly its variant's fields, checked as the crate compiles.
        $(
            const _: () = assert!(
                template::names_exactly($zh, &[$(stringify!($arg)),*]),
                concat!("the zh template of ", $code, " must name exactly its fields")
            );
            const _: () = assert!(
                template::names_exactly($tw, &[$(stringify!($arg)),*]),
                concat!("the zh-TW template of ", $code, " must name exactly its fields")
            );
            const _: () = assert!(
                template::names_exactly($en, &[$(stringify!($arg)),*]),
                concat!("the en template of ", $code, " must name exactly its fields")
            );
            const _: () = assert!(
                template::names_exactly($legacy, &[$(stringify!($arg)),*]),
                concat!("the legacy template of ", $code, " must name exactly its fields")
            );
        )*

        impl Problem {
            fn kind(&self) -> Kind {
                match self {
                    $(Problem::$variant { .. } => Kind::$variant),*
                }
            }

            /// The arguments, in the variant's field order (the rest padding).
            #[allow(unused_assignments, unused_mut, unused_variables)] // the count past the last
            fn arguments(&self) -> [&dyn Arg; MAX_ARGS] {
                let mut out: [&dyn Arg; MAX_ARGS] = [&(); MAX_ARGS];
                match self {
                    $(Problem::$variant { $($arg),* } => {
                        let mut k = 0;
                        $(
                            out[k] = $arg;
                            k += 1;
                        )*
                    }),*
                }
                out
            }
        }
    };
}

/// At most this many fields per problem.
const MAX_ARGS: usize = 4;

/// One row of the table.
struct Entry {
    code: &'static str,
    names: &'static [&'static str],
    /// `[zh, zh-TW, en]`.
    texts: Texts,
    legacy: &'static str,
}

/// Padding for [`Problem::arguments`]; never named by a template.
impl Arg for () {
    fn text(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed("")
    }
    fn value(&self) -> ArgValue {
        ArgValue::Null
    }
}

problems! {
    // ---- reading a file's bytes ----
    /// No bytes at all.
    Empty {} = "file-empty",
        zh: "文件是空的（0 字节）。请重新导出，再选择新文件。",
        tw: "檔案是空的（0 位元組）。請重新導出，再選擇新檔案。",
        en: "the file is empty (0 bytes). Export it again and choose the new file.",
        legacy: "the file is empty";
    /// NUL bytes: binary data, not a text table.
    NulBytes { line: u64 } = "not-text",
        zh: "第 {line} 行含有 NUL 字节，这不是文本表格。请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后再选择，或在选项中指定编码。",
        tw: "第 {line} 行含有 NUL 位元組，這不是文字表格。請在 Excel 或 WPS 中另存為 .xlsx 或「CSV UTF-8」後再選擇，或在選項中指定編碼。",
        en: "line {line} contains NUL bytes, so this is not a text table. Save it as .xlsx or \"CSV UTF-8\" in Excel or WPS and choose it again, or set its encoding in the options.",
        legacy: "line {line} contains NUL bytes: this does not look like a text table; save it as \"CSV UTF-8\" or choose the encoding";
    /// Neither UTF-8 nor GB18030 (the guess when no encoding is given).
    NotUtf8OrGbk { line: u64 } = "text-undecodable",
        zh: "第 {line} 行既不是 UTF-8 也不是 GB18030/GBK 文本。请另存为“CSV UTF-8”后再选择，或在选项中指定编码。",
        tw: "第 {line} 行既不是 UTF-8 也不是 GB18030/GBK 文字。請另存為「CSV UTF-8」後再選擇，或在選項中指定編碼。",
        en: "line {line} is neither UTF-8 nor GB18030/GBK text. Save it as \"CSV UTF-8\" and choose it again, or set its encoding in the options.",
        legacy: "line {line} is neither UTF-8 nor GB18030/GBK text; save it as \"CSV UTF-8\" or choose the encoding";
    /// Bytes that are not valid in the encoding found or given.
    EncodingInvalid { line: u64, encoding: &'static str } = "encoding-invalid",
        zh: "第 {line} 行不是有效的 {encoding} 文本。请另存为“CSV UTF-8”后再选择，或在选项中指定正确的编码。",
        tw: "第 {line} 行不是有效的 {encoding} 文字。請另存為「CSV UTF-8」後再選擇，或在選項中指定正確的編碼。",
        en: "line {line} is not valid {encoding} text. Save it as \"CSV UTF-8\" and choose it again, or set the right encoding in the options.",
        legacy: "line {line} is not valid {encoding}; save it as \"CSV UTF-8\" or choose the encoding";
    /// A legacy encoding this build has no decoder for.
    EncodingNotBuiltIn { encoding: &'static str } = "encoding-not-built-in",
        zh: "此版本无法解码 {encoding} 文本。请另存为“CSV UTF-8”后再选择。",
        tw: "此版本無法解碼 {encoding} 文字。請另存為「CSV UTF-8」後再選擇。",
        en: "this build cannot decode {encoding} text. Save it as \"CSV UTF-8\" and choose it again.",
        legacy: "{encoding} text cannot be decoded by this build; save it as \"CSV UTF-8\" and choose it again";
    /// A legacy encoding the host's `TextDecoder` lacks.
    EncodingNotInHost { encoding: &'static str } = "encoding-not-in-host",
        zh: "此浏览器（或运行环境）无法解码 {encoding} 文本。请另存为“CSV UTF-8”后再选择。",
        tw: "此瀏覽器（或執行環境）無法解碼 {encoding} 文字。請另存為「CSV UTF-8」後再選擇。",
        en: "this browser (or runtime) cannot decode {encoding} text. Save it as \"CSV UTF-8\" and choose it again.",
        legacy: "{encoding} text cannot be decoded here (the host's TextDecoder lacks it); save it as \"CSV UTF-8\" and choose it again";
    /// A spreadsheet format this build does not read (the browser build: .xls, .xlsb, .ods).
    SpreadsheetUnsupported { format: &'static str } = "spreadsheet-unsupported",
        zh: "这是 .{format} 格式的工作簿，此处无法读取。请在 Excel 或 WPS 中另存为 .xlsx（文件 → 另存为 → Excel 工作簿）或“CSV UTF-8”，再选择新文件。",
        tw: "這是 .{format} 格式的活頁簿，此處無法讀取。請在 Excel 或 WPS 中另存為 .xlsx（檔案 → 另存為 → Excel 活頁簿）或「CSV UTF-8」，再選擇新檔案。",
        en: "this is a .{format} workbook, which cannot be read here. Save it as .xlsx (File → Save As → Excel Workbook; 文件 → 另存为 → Excel 工作簿) or as \"CSV UTF-8\" in Excel or WPS, and choose the new file.",
        legacy: "this {format} workbook cannot be read here: save it as .xlsx or as CSV UTF-8 and choose it again";
    /// A password-protected workbook (an encrypted Office package).
    WorkbookEncrypted {} = "workbook-encrypted",
        zh: "工作簿设置了打开密码，无法读取其中的内容：请打开文件，清除密码后保存（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密 → 清空密码 → 确定；WPS：文件 → 文档加密 → 密码加密 → 清空密码），或另存为 CSV UTF-8，然后重新选择该文件。",
        tw: "活頁簿設置了開啟密碼，無法讀取其中的內容：請開啟檔案，清除密碼後儲存（Excel：檔案 → 資訊 → 保護活頁簿 → 以密碼加密 → 清除密碼 → 確定；WPS：檔案 → 文件加密 → 密碼加密 → 清空密碼），或另存為 CSV UTF-8，然後重新選擇該檔案。",
        en: "the workbook is password-protected, so nothing in it can be read. Open it, remove the password and save it (Excel: File → Info → Protect Workbook → Encrypt with Password → clear the password → OK; WPS: File → Document Encryption → Password Encryption → clear the passwords), or save a copy as CSV UTF-8, and choose that file.",
        legacy: "the workbook is password-protected, so nothing in it can be read: open it, remove the password and save it (Excel: File → Info → Protect Workbook → Encrypt with Password → clear the password → OK; WPS: File → Document Encryption → Password Encryption → clear the passwords), or save a copy as CSV UTF-8, and choose that file. 工作簿设置了打开密码，无法读取其中的内容：请打开文件，清除密码后保存（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密 → 清空密码 → 确定；WPS：文件 → 文档加密 → 密码加密 → 清空密码），或另存为 CSV UTF-8，然后重新选择该文件。";
    /// Anything else that makes a file unreadable (a broken workbook, a technical detail in
    /// English).
    Unreadable { reason: String } = "file-unreadable",
        zh: "无法读取（{reason}）。请在 Excel 或 WPS 中打开，另存为 .xlsx 或“CSV UTF-8”后再选择。",
        tw: "無法讀取（{reason}）。請在 Excel 或 WPS 中開啟，另存為 .xlsx 或「CSV UTF-8」後再選擇。",
        en: "it cannot be read ({reason}). Open it in Excel or WPS, save it as .xlsx or \"CSV UTF-8\", and choose it again.",
        legacy: "{reason}";
    /// A bound of `options.limits`.
    TooLarge { limit: &'static str, max: u64, actual: u64 } = "file-too-large",
        zh: "文件太大：{actual} 超过上限 {limit} = {max}。请确认选择的文件无误，或在选项 limits 中调高上限。",
        tw: "檔案太大：{actual} 超過上限 {limit} = {max}。請確認選擇的檔案無誤，或在選項 limits 中調高上限。",
        en: "too large: {actual} exceeds the limit {limit} = {max}. Check that this is the right file, or raise the limit in the options (limits).",
        legacy: "too large: {actual} exceeds the limit {limit} = {max} (raise it in options.limits)";
    /// A row wider than `max_columns`.
    TooManyColumns { row: u32, columns: usize, max: usize } = "too-many-columns",
        zh: "第 {row} 行有 {columns} 列，超过上限 max_columns = {max}。请删除多余的列后另存，或在选项 limits 中调高上限。",
        tw: "第 {row} 列有 {columns} 欄，超過上限 max_columns = {max}。請刪除多餘的欄後另存，或在選項 limits 中調高上限。",
        en: "row {row} has {columns} columns, over the limit max_columns = {max}. Delete the extra columns and save again, or raise the limit in the options (limits).",
        legacy: "row {row}: {columns} columns, over max_columns = {max} (raise it in options.limits)";
    /// A cell larger than `max_cell_bytes`.
    CellTooLarge { row: u32, column: Column, bytes: usize, max: usize } = "cell-too-large",
        zh: "第 {row} 行 {column} 列的单元格有 {bytes} 字节，超过上限 max_cell_bytes = {max}。请检查该单元格，或在选项 limits 中调高上限。",
        tw: "第 {row} 列 {column} 欄的儲存格有 {bytes} 位元組，超過上限 max_cell_bytes = {max}。請檢查該儲存格，或在選項 limits 中調高上限。",
        en: "row {row}, column {column}: the cell is {bytes} bytes, over the limit max_cell_bytes = {max}. Check that cell, or raise the limit in the options (limits).",
        legacy: "row {row}, column {column}: cell is {bytes} bytes, over max_cell_bytes = {max} (raise it in options.limits)";
    /// A quote that opens a cell and never closes it; `lines`: the file's lines from the quote's
    /// to the last (at least 1), all of which would be read into that cell.
    UnclosedQuote { row: u32, column: Column, lines: usize } = "unclosed-quote",
        zh: "第 {row} 行 {column} 列的引号（\"）没有闭合，从这一行到文件末尾的 {lines} 行都会被读进这一个单元格。请补上或删除该引号后重新保存。",
        tw: "第 {row} 列 {column} 欄的引號（\"）沒有閉合，從這一列到檔案末尾的 {lines} 列都會被讀進這一個儲存格。請補上或刪除該引號後重新儲存。",
        en: "row {row}, column {column}: a quote (\") opens a cell that is never closed, so the {lines} line(s) from there to the end of the file would all be read into that one cell. Close or remove the quote and save again.",
        legacy: "row {row}, column {column}: a quote (\") opens a cell that is never closed, so the {lines} line(s) from there to the end of the file would all be read into that one cell; close or remove the quote and save again";

    // ---- finding the table ----
    /// A workbook without a sheet to read.
    NoSheet {} = "no-sheet",
        zh: "工作簿中没有工作表。请确认选择的文件无误。",
        tw: "活頁簿中沒有工作表。請確認選擇的檔案無誤。",
        en: "the workbook has no sheet. Check that this is the right file.",
        legacy: "the workbook has no sheet";
    /// An Exmail file whose every line is blank.
    BlankFile {} = "file-blank",
        zh: "每一行都是空的，没有可检查的账号。请确认选择的是企业邮箱管理后台导出的成员列表。",
        tw: "每一列都是空的，沒有可檢查的賬號。請確認選擇的是企業郵箱管理後台導出的成員列表。",
        en: "every line is blank: there is no account to check. Check that this is the member list exported from the Exmail admin console.",
        legacy: "no rows: every line is blank";
    /// An Exmail file with a header and nothing below it.
    NoDataRows { header_row: u32 } = "no-data-rows",
        zh: "表头（第 {header_row} 行）下面没有数据行，没有可检查的账号。请重新导出完整的成员列表。",
        tw: "表頭（第 {header_row} 列）下面沒有數據列，沒有可檢查的賬號。請重新導出完整的成員列表。",
        en: "there are no rows below the header (row {header_row}): no account to check. Export the full member list again.",
        legacy: "no rows below the header (row {header_row}): no account to check";
    /// The header row the options name is blank or missing.
    HeaderRowMissing { header_row: u32, rows: usize } = "header-row-missing",
        zh: "选项指定的表头行第 {header_row} 行是空行或超出了文件（共读到 {rows} 行）。请改正表头行，或不指定，由程序自动查找。",
        tw: "選項指定的表頭列第 {header_row} 列是空列或超出了檔案（共讀到 {rows} 列）。請改正表頭列，或不指定，由程式自動查找。",
        en: "the header row {header_row} given in the options is blank or past the end of the file ({rows} rows read). Correct it, or leave it unset to have the header found.",
        legacy: "header row {header_row} is blank or past the end of the file ({rows} rows read)";
    /// A column the options map a field to does not exist.
    ColumnNotFound { column: String, field: Field, header_row: u32, headers: Vec<String> } = "column-not-found",
        zh: "选项为「{field}」指定的列“{column}”不在表头（第 {header_row} 行）中。识别到的表头：{headers}。请改为其中一个表头、列号或列字母。",
        tw: "選項為「{field}」指定的欄「{column}」不在表頭（第 {header_row} 列）中。識別到的表頭：{headers}。請改為其中一個表頭、欄號或欄字母。",
        en: "the column \"{column}\" given for {field} in the options is not in the header row {header_row}. Headers seen: {headers}. Give one of these headers, a column number or a column letter.",
        legacy: "column `{column}` (given for `{field}`) is not in the header row {header_row}; headers seen: {headers}";
    /// Path `bind` without the target WeCom's contacts.
    WecomRequired {} = "wecom-required",
        zh: "缺少此文件。升级方式“已注册企业微信，扫码绑定并升级”（bind）需要目标企业微信的成员导出：在企业微信管理后台 → 通讯录 → 批量导入/导出 → 文件导出 中导出成员，再选择该文件。若企业还没有企业微信，请选择升级方式“未注册企业微信，快速注册并升级”（new），无需此文件。",
        tw: "缺少此檔案。升級方式「已注冊企業微信，掃碼綁定並升級」（bind）需要目標企業微信的成員導出：在企業微信管理後台 → 通訊錄 → 批量導入/導出 → 檔案導出 中導出成員，再選擇該檔案。若企業還沒有企業微信，請選擇升級方式「未注冊企業微信，快速注冊並升級」（new），無需此檔案。",
        en: "missing. The path \"bind\" (已注册企业微信，扫码绑定并升级) needs the target WeCom's member export: export the members in the WeCom admin console (通讯录 → 批量导入/导出 → 文件导出) and choose that file. If the company has no WeCom yet, choose the path \"new\" (未注册企业微信，快速注册并升级), which needs no such file.",
        legacy: "missing: path `bind` needs the target WeCom's contacts export; on path `new` it is optional";

    // ---- options ----
    /// Options that do not parse (an unknown field, a wrong type), as the JSON reader says.
    OptionsInvalid { detail: String } = "options-invalid",
        zh: "选项有误：{detail}。请检查选项的名称和取值。",
        tw: "選項有誤：{detail}。請檢查選項的名稱和取值。",
        en: "{detail}. Check the names and values of the options.",
        legacy: "{detail}";
    /// A name in `features_in_use` that is not a known feature.
    UnknownFeature { feature: String, known: Vec<String> } = "feature-unknown",
        zh: "features_in_use 中的功能 \"{feature}\" 无法识别。可用：{known}。",
        tw: "features_in_use 中的功能 \"{feature}\" 無法識別。可用：{known}。",
        en: "the feature \"{feature}\" in features_in_use is not known. Known: {known}.",
        legacy: "unknown feature \"{feature}\" in features_in_use (known: {known})";
    /// An encoding label given for a file that is not a known encoding.
    UnknownEncoding { label: String, input: FileKind } = "encoding-unknown",
        zh: "为{input}指定的编码“{label}”无法识别。可用 utf-8、gb18030（gbk）、utf-16le 或 utf-16be。",
        tw: "為{input}指定的編碼「{label}」無法識別。可用 utf-8、gb18030（gbk）、utf-16le 或 utf-16be。",
        en: "the encoding \"{label}\" given for the {input} is not known. Use utf-8, gb18030 (gbk), utf-16le or utf-16be.",
        legacy: "unknown encoding `{label}` for the {input} file (try utf-8, gb18030, utf-16le, utf-16be)";
    /// A column mapping for a field the engine does not know.
    UnknownField { field: String, input: FileKind, known: Vec<String> } = "column-field-unknown",
        zh: "为{input}指定列时用了未知的字段“{field}”。可用：{known}。",
        tw: "為{input}指定欄時用了未知的欄位「{field}」。可用：{known}。",
        en: "the column mapping for the {input} names an unknown field \"{field}\". Known: {known}.",
        legacy: "columns: unknown field `{field}` for the {input} file (known: {known})";

    // ---- the JS module's call ----
    /// `check` was not given an object.
    InputNotObject {} = "input-not-object",
        zh: "check() 需要一个对象 {{ exmail, wecom, roster, options }}。",
        tw: "check() 需要一個物件 {{ exmail, wecom, roster, options }}。",
        en: "check() expects an object {{ exmail, wecom, roster, options }}.",
        legacy: "check: expected an object {{ exmail, wecom, roster, options }}";
    /// A required file was not passed.
    FileMissing { input: FileKind } = "file-missing",
        zh: "缺少该文件：请选择{input}（以字节传入 `{input}`）。",
        tw: "缺少該檔案：請選擇{input}（以位元組傳入 `{input}`）。",
        en: "missing: choose the {input} (pass its bytes as `{input}`).",
        legacy: "missing (pass its bytes as `{input}`)";
    /// A file passed as text instead of bytes.
    FileIsText {} = "file-is-text",
        zh: "传入的是文本而不是文件的字节：请用 arrayBuffer() 读取文件（不要用 text()），以 Uint8Array 或 ArrayBuffer 传入。",
        tw: "傳入的是文字而不是檔案的位元組：請用 arrayBuffer() 讀取檔案（不要用 text()），以 Uint8Array 或 ArrayBuffer 傳入。",
        en: "got text instead of the file's bytes: read the file with arrayBuffer(), not text(), and pass a Uint8Array or ArrayBuffer.",
        legacy: "expected the file's bytes as a Uint8Array or ArrayBuffer, got a string (read the file with arrayBuffer(), not text())";
    /// A file passed as something that is not bytes.
    FileBytesType { got: String } = "file-bytes-type",
        zh: "需要文件的字节（Uint8Array 或 ArrayBuffer），传入的是 {got}。",
        tw: "需要檔案的位元組（Uint8Array 或 ArrayBuffer），傳入的是 {got}。",
        en: "expected the file's bytes as a Uint8Array or ArrayBuffer, got {got}.",
        legacy: "expected the file's bytes as a Uint8Array or ArrayBuffer, got {got}";
    /// An export format the export does not write.
    ExportFormatUnknown { what: &'static str, allowed: Vec<String>, got: String } = "export-format-unknown",
        zh: "导出格式 \"{got}\" 不可用：{what} 只能导出为 {allowed}。",
        tw: "導出格式 \"{got}\" 不可用：{what} 只能導出為 {allowed}。",
        en: "the format \"{got}\" is not available: the {what} exports as {allowed}.",
        legacy: "export: {what} format must be one of {allowed}, not \"{got}\"";
    /// An index past the end of a list of the check (`Check.assignmentsAt`, `findingsAt`).
    IndexOutOfRange { list: &'static str, index: u32, count: u32 } = "index-out-of-range",
        zh: "序号 {index} 超出范围：{list} 共有 {count} 项（序号从 0 开始）。",
        tw: "序號 {index} 超出範圍：{list} 共有 {count} 項（序號從 0 開始）。",
        en: "index {index} is out of range: the {list} are {count} (indexes start at 0).",
        legacy: "{list}: index {index} is out of range ({count} in all)";
    /// A bug in the engine (a Rust panic).
    Internal { detail: String } = "internal-error",
        zh: "内部错误，请报告：{detail}。此模块实例已不能再用，请重新加载页面。",
        tw: "內部錯誤，請報告：{detail}。此模組實例已不能再用，請重新載入頁面。",
        en: "Internal error, please report it: {detail}. This module instance can no longer be used: load the page again.",
        legacy: "roster-check: internal error, please report it: {detail}. This module instance can no longer be used; load it again.";
    /// Any call after an internal error.
    InstanceUnusable {} = "instance-unusable",
        zh: "之前的内部错误使此模块实例不能再用：请重新加载页面（或新建一个 Worker）。",
        tw: "之前的內部錯誤使此模組實例不能再用：請重新載入頁面（或新建一個 Worker）。",
        en: "An earlier internal error left this module instance unusable: load the page again (or a new Worker).",
        legacy: "roster-check: an earlier internal error left this module instance unusable; load it again (a new Worker or page)";

    // ---- exports ----
    /// The roster asked for as JSON.
    RosterNotJson {} = "roster-format-json",
        zh: "邮箱名单只能导出为 CSV 或 XLSX；JSON 是检查报告的格式。",
        tw: "郵箱名單只能導出為 CSV 或 XLSX；JSON 是檢查報告的格式。",
        en: "The roster (邮箱名单) is written as CSV or XLSX; JSON is the report's format.",
        legacy: "export: the roster (邮箱名单) is written as CSV or XLSX; JSON is the report's format";
    /// XLSX asked of a build without the writer.
    XlsxNotInBuild {} = "xlsx-output-unavailable",
        zh: "此版本不能写 XLSX：请导出 CSV。",
        tw: "此版本不能寫 XLSX：請導出 CSV。",
        en: "This build cannot write XLSX: export CSV.",
        legacy: "export: XLSX output needs the `xlsx` feature of this build: export CSV";
    /// The uploaded roster has no address column to fill in.
    TemplateNoAddress {} = "roster-template-no-address",
        zh: "上传的邮箱名单中没有可填写的邮箱地址列：请指定其地址列，或不带名单导出。",
        tw: "上傳的郵箱名單中沒有可填寫的郵箱地址欄：請指定其地址欄，或不帶名單導出。",
        en: "The uploaded roster has no address column to fill in: map its address column, or export without the roster.",
        legacy: "export: the uploaded roster has no address column to fill in: map its address column, or export without the roster";
    /// Several sheets of addresses cannot go into one CSV.
    TemplateSheets { count: usize, sheets: Vec<String> } = "roster-template-sheets",
        zh: "上传的邮箱名单有 {count} 个含地址的工作表（{sheets}），CSV 只能放一个：请导出 XLSX。",
        tw: "上傳的郵箱名單有 {count} 個含地址的工作表（{sheets}），CSV 只能放一個：請導出 XLSX。",
        en: "The uploaded roster has {count} sheets with addresses ({sheets}) and CSV holds one: export XLSX.",
        legacy: "export: the uploaded roster has {count} sheets with addresses ({sheets}) and CSV holds one: export XLSX";
    /// More rows than one XLSX sheet holds.
    XlsxTooManyRows { max: u32 } = "xlsx-too-many-rows",
        zh: "超过 {max} 行，一个 XLSX 工作表放不下（Excel 的上限）：请导出 CSV。",
        tw: "超過 {max} 欄，一個 XLSX 工作表放不下（Excel 的上限）：請導出 CSV。",
        en: "More than {max} rows do not fit in one XLSX sheet (Excel's limit): export CSV instead.",
        legacy: "export: more than {max} rows do not fit in one XLSX sheet (Excel's limit): export CSV instead";
    /// More columns than one XLSX sheet holds.
    XlsxTooManyColumns { max: u32 } = "xlsx-too-many-columns",
        zh: "超过 {max} 列，一个 XLSX 工作表放不下（Excel 的上限）：请导出 CSV。",
        tw: "超過 {max} 欄，一個 XLSX 工作表放不下（Excel 的上限）：請導出 CSV。",
        en: "More than {max} columns do not fit in an XLSX sheet (Excel's limit): export CSV instead.",
        legacy: "export: more than {max} columns do not fit in an XLSX sheet (Excel's limit)";
    /// A part past the zip format's 4 GiB.
    XlsxTooLarge { what: String } = "xlsx-too-large",
        zh: "XLSX 中的 {what} 超过 4 GiB，无法写出：请导出 CSV。",
        tw: "XLSX 中的 {what} 超過 4 GiB，無法寫出：請導出 CSV。",
        en: "Writing XLSX: {what} is larger than 4 GiB, which this writer does not support (no zip64): export CSV instead.",
        legacy: "export: writing XLSX: {what} is larger than 4 GiB, which this writer does not support (no zip64): export CSV instead";
    /// The XLSX writer failed (a bug: the writer's own rules were broken).
    ExportFailed { detail: String } = "export-failed",
        zh: "写 XLSX 失败（{detail}）：请导出 CSV，并报告此问题。",
        tw: "寫 XLSX 失敗（{detail}）：請導出 CSV，並報告此問題。",
        en: "Writing XLSX failed ({detail}): export CSV, and please report it.",
        legacy: "export: writing XLSX: {detail}";
}

impl Problem {
    fn entry(&self) -> &'static Entry {
        &ENTRIES[self.kind() as usize]
    }

    /// The stable code (`not-text`, `wecom-required`, …).
    pub fn code(&self) -> &'static str {
        self.entry().code
    }

    /// The sentence after the file's name, in `lang`.
    pub(super) fn body(&self, lang: Lang) -> String {
        let (entry, args) = (self.entry(), self.arguments());
        message::render(&entry.texts, lang, &|name| {
            let at = entry.names.iter().position(|n| *n == name)?;
            Some(args[at].text(lang))
        })
    }

    /// The message of earlier versions, after its `exmail file: ` / `options: ` prefix.
    pub(super) fn legacy(&self) -> String {
        let (entry, args) = (self.entry(), self.arguments());
        template::fill(entry.legacy, &|name| {
            let at = entry.names.iter().position(|n| *n == name)?;
            Some(args[at].legacy())
        })
    }

    /// The arguments by name, as plain values.
    pub fn args(&self) -> Vec<(&'static str, ArgValue)> {
        let (entry, args) = (self.entry(), self.arguments());
        entry
            .names
            .iter()
            .zip(args)
            .map(|(n, a)| (*n, a.value()))
            .collect()
    }

    /// The spreadsheet row the problem is on: the field named `row`, if any.
    pub fn row(&self) -> Option<u32> {
        let (entry, args) = (self.entry(), self.arguments());
        let at = entry.names.iter().position(|n| *n == "row")?;
        args[at].row()
    }
}
