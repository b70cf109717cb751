// Builds report() from the compact form made by src/report/compact.rs: the same plain object
// as JSON.parse(reportJson()), keys in the same order, at a fraction of the cost.

const TYPES = ["member", "other", "unassigned"];
const MATCHED_BY = [null, "wechat_id", "biz_mail", "email", "mobile", "roster", "override"];
const SEVERITIES = ["error", "warning", "info"];
const FILES = [null, "exmail", "wecom", "roster", "options"];
const NONE = 0xffffffff;
const ASSIGNMENT_WORDS = 7;
const FINDING_WORDS = 7;

/**
 * @param {string} head the report as JSON, its assignments and findings empty
 * @param {string} text every string of the lists, end to end
 * @param {Uint32Array} ends where each string ends in `text` (UTF-16 units)
 * @param {Uint32Array} assignments seven numbers per assignment
 * @param {Uint32Array} findings seven numbers per finding
 */
export function buildReport(head, text, ends, assignments, findings) {
  const report = JSON.parse(head);
  const str = (id) => (id === NONE ? null : text.substring(id === 0 ? 0 : ends[id - 1], ends[id]));

  const list = new Array(assignments.length / ASSIGNMENT_WORDS);
  for (let i = 0, o = 0; i < list.length; i++, o += ASSIGNMENT_WORDS) {
    const kind = assignments[o + 5];
    list[i] = {
      email: str(assignments[o]),
      type: TYPES[kind & 0xf],
      userid: str(assignments[o + 1]),
      matched_by: MATCHED_BY[kind >>> 4],
      evidence: str(assignments[o + 2]),
      row: assignments[o + 6],
      name: str(assignments[o + 3]),
      wecom_name: str(assignments[o + 4]),
    };
  }
  report.assignments = list;

  const found = new Array(findings.length / FINDING_WORDS);
  for (let i = 0, o = 0; i < found.length; i++, o += FINDING_WORDS) {
    const flags = findings[o + 1];
    found[i] = {
      code: str(findings[o]),
      severity: SEVERITIES[flags & 0xf],
      file: FILES[(flags >>> 4) & 0xf],
      row: flags & 0x100 ? findings[o + 2] : null,
      field: str(findings[o + 3]),
      value: str(findings[o + 4]),
      email: str(findings[o + 5]),
      message: str(findings[o + 6]),
    };
  }
  report.findings = found;
  return report;
}
