"""Django's Chinese formats render dates in form fields as 2020/09/21, which <input type="date"> and our
forms' ISO-or-dd/mm/yyyy input formats refuse, so a date shown in a form under /zh-hans/ could not be sent
back. Chinese pages write form dates ISO-first (2020-09-21), like the other languages; what pages show
comes from borderzone.core.formatting (2020年9月21日)."""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
]
