#!/usr/bin/env python3
"""Writes the spreadsheets the page tests upload, the way the programs people use write them
(synthetic people, no real data). Run from this folder (needs openpyxl and LibreOffice):

    python3 make-fixtures.py

The bytes are committed; this script documents how they were made.

- wecom-console.xlsx (openpyxl): the WeCom console's member export as shared/spec/formats.md
  describes it — one sheet 成员列表, 8 merged instruction rows, the header on row 9, phones as
  numeric cells — holding the members of fixtures.mjs's WECOM_ROWS.
- exmail-abc.xlsx (LibreOffice, from a CSV): an Exmail list whose headers nobody knows (A, B,
  C): the address, name and mobile columns can only be found by what their cells hold.
- wecom.xlsm (LibreOffice, "Calc MS Excel 2007 VBA XML"): a macro-enabled workbook, which the
  browser build reads like .xlsx.
- legacy.xls (LibreOffice, "MS Excel 97"): what the browser build cannot read.
"""
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))

MEMBERS = [
    # 姓名, 账号, 手机, 部门, 邮箱 (personal), 激活状态, 禁用状态
    ["张伟", "ZhangWei", 13800138000, "销售部", "", "已激活", "启用"],
    ["李娜", "LiNa", 13900139000, "销售部", "", "已激活", "启用"],
    ["王芳", "WangFang", None, "财务部", "wang.fang@example.cn", "已激活", "启用"],
    ["钱七", "QianQi", 13500135000, "技术部", "", "已激活", "启用"],
]
HEADER = ["姓名", "账号", "别名", "职务", "部门", "性别", "手机", "座机", "邮箱", "地址", "视频号",
          "激活状态", "禁用状态", "微信插件"]


def wecom_console():
    wb = Workbook()
    ws = wb.active
    ws.title = "成员列表"
    notes = ["填写须知：", "1. 请勿修改表头", "2. 姓名、手机或邮箱必填", "3. 部门上下级用“/”隔开",
             "4. 多个部门用“；”隔开", "5. 账号仅支持字母、数字和 _-@.", "6. 手机号码请按文本填写",
             "7. 激活状态与禁用状态仅导出时提供"]
    for i, text in enumerate(notes, start=1):
        ws.cell(row=i, column=1, value=text)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=len(HEADER))
    for c, name in enumerate(HEADER, start=1):
        ws.cell(row=9, column=c, value=name)
    for r, (name, userid, mobile, dept, mail, active, enabled) in enumerate(MEMBERS, start=10):
        row = {"姓名": name, "账号": userid, "部门": dept, "手机": mobile, "邮箱": mail or None,
               "激活状态": active, "禁用状态": enabled, "微信插件": "未关注"}
        for c, head in enumerate(HEADER, start=1):
            if row.get(head) is not None:
                ws.cell(row=r, column=c, value=row[head])
    wb.save(os.path.join(HERE, "wecom-console.xlsx"))


def soffice(csv_text, name, out_name, filter_name):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, name)
        with open(src, "w", encoding="utf-8") as f:
            f.write(csv_text)
        ext = os.path.splitext(out_name)[1][1:]
        subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", f"{ext}:{filter_name}",
                        "--outdir", tmp, src], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, os.path.splitext(name)[0] + "." + ext), os.path.join(HERE, out_name))


def main():
    wecom_console()
    soffice("A,B,C\nzhang.wei@example.cn,张伟,13800138000\nli.na@example.cn,李娜,13900139000\n"
            "wang.fang@example.cn,王芳,13700137000\n", "exmail-abc.csv", "exmail-abc.xlsx", "Calc MS Excel 2007 XML")
    members = "姓名,账号,手机,部门,企业邮箱,微信ID\n" + "".join(
        f"{m[0]},{m[1]},{m[2] or ''},{m[3]},{m[4]},\n" for m in MEMBERS)
    soffice(members, "wecom.csv", "wecom.xlsm", "Calc MS Excel 2007 VBA XML")
    soffice(members, "legacy.csv", "legacy.xls", "MS Excel 97")


if __name__ == "__main__":
    main()
