"""The Vietnam Standard Industrial Classification (VSIC): sections and divisions of the 2018 edition
(Decision 27/2018/QĐ-TTg) and the 2025 edition (Decision 36/2025/QĐ-TTg, in force 15/11/2025).

Written for this app from the published structure. VSIC 2018 follows ISIC Rev.4 (sections A–U,
divisions 01–99). VSIC 2025 follows ISIC Rev.5: sections A–V with information and communication
split (J publishing/broadcasting, K telecommunications and computing, then finance is L, real estate
M, ...). Where the 2025 division list differs from ISIC Rev.5 in detail, correct the rows here and
ship a migration: the codes are data, the projects keep the edition they were certified under.
"""

from __future__ import annotations

# (section, name vi, name en, [(division, name vi)])
VSIC_2018: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "A",
        "Nông nghiệp, lâm nghiệp và thủy sản",
        "Agriculture, forestry and fishing",
        [
            ("01", "Nông nghiệp và hoạt động dịch vụ có liên quan"),
            ("02", "Lâm nghiệp và hoạt động dịch vụ có liên quan"),
            ("03", "Khai thác, nuôi trồng thủy sản"),
        ],
    ),
    (
        "B",
        "Khai khoáng",
        "Mining and quarrying",
        [
            ("05", "Khai thác than cứng và than non"),
            ("06", "Khai thác dầu thô và khí đốt tự nhiên"),
            ("07", "Khai thác quặng kim loại"),
            ("08", "Khai khoáng khác"),
            ("09", "Hoạt động dịch vụ hỗ trợ khai khoáng"),
        ],
    ),
    (
        "C",
        "Công nghiệp chế biến, chế tạo",
        "Manufacturing",
        [
            ("10", "Sản xuất, chế biến thực phẩm"),
            ("11", "Sản xuất đồ uống"),
            ("12", "Sản xuất sản phẩm thuốc lá"),
            ("13", "Dệt"),
            ("14", "Sản xuất trang phục"),
            ("15", "Sản xuất da và các sản phẩm có liên quan"),
            ("16", "Chế biến gỗ và sản xuất sản phẩm từ gỗ, tre, nứa"),
            ("17", "Sản xuất giấy và sản phẩm từ giấy"),
            ("18", "In, sao chép bản ghi các loại"),
            ("19", "Sản xuất than cốc, sản phẩm dầu mỏ tinh chế"),
            ("20", "Sản xuất hóa chất và sản phẩm hóa chất"),
            ("21", "Sản xuất thuốc, hóa dược và dược liệu"),
            ("22", "Sản xuất sản phẩm từ cao su và plastic"),
            ("23", "Sản xuất sản phẩm từ khoáng phi kim loại khác"),
            ("24", "Sản xuất kim loại"),
            ("25", "Sản xuất sản phẩm từ kim loại đúc sẵn (trừ máy móc, thiết bị)"),
            ("26", "Sản xuất sản phẩm điện tử, máy vi tính và sản phẩm quang học"),
            ("27", "Sản xuất thiết bị điện"),
            ("28", "Sản xuất máy móc, thiết bị chưa được phân vào đâu"),
            ("29", "Sản xuất xe có động cơ"),
            ("30", "Sản xuất phương tiện vận tải khác"),
            ("31", "Sản xuất giường, tủ, bàn, ghế"),
            ("32", "Công nghiệp chế biến, chế tạo khác"),
            ("33", "Sửa chữa, bảo dưỡng và lắp đặt máy móc và thiết bị"),
        ],
    ),
    (
        "D",
        "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
        "Electricity, gas, steam and air conditioning supply",
        [
            ("35", "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí"),
        ],
    ),
    (
        "E",
        "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải",
        "Water supply; sewerage, waste management and remediation",
        [
            ("36", "Khai thác, xử lý và cung cấp nước"),
            ("37", "Thoát nước và xử lý nước thải"),
            ("38", "Hoạt động thu gom, xử lý và tiêu hủy rác thải; tái chế phế liệu"),
            ("39", "Xử lý ô nhiễm và hoạt động quản lý chất thải khác"),
        ],
    ),
    (
        "F",
        "Xây dựng",
        "Construction",
        [
            ("41", "Xây dựng nhà các loại"),
            ("42", "Xây dựng công trình kỹ thuật dân dụng"),
            ("43", "Hoạt động xây dựng chuyên dụng"),
        ],
    ),
    (
        "G",
        "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác",
        "Wholesale and retail trade; repair of motor vehicles and motorcycles",
        [
            ("45", "Bán, sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác"),
            ("46", "Bán buôn (trừ ô tô, mô tô, xe máy và xe có động cơ khác)"),
            ("47", "Bán lẻ (trừ ô tô, mô tô, xe máy và xe có động cơ khác)"),
        ],
    ),
    (
        "H",
        "Vận tải kho bãi",
        "Transportation and storage",
        [
            ("49", "Vận tải đường sắt, đường bộ và vận tải đường ống"),
            ("50", "Vận tải đường thủy"),
            ("51", "Vận tải hàng không"),
            ("52", "Kho bãi và các hoạt động hỗ trợ cho vận tải"),
            ("53", "Bưu chính và chuyển phát"),
        ],
    ),
    (
        "I",
        "Dịch vụ lưu trú và ăn uống",
        "Accommodation and food service activities",
        [
            ("55", "Dịch vụ lưu trú"),
            ("56", "Dịch vụ ăn uống"),
        ],
    ),
    (
        "J",
        "Thông tin và truyền thông",
        "Information and communication",
        [
            ("58", "Hoạt động xuất bản"),
            ("59", "Hoạt động điện ảnh, sản xuất chương trình truyền hình, ghi âm và xuất bản âm nhạc"),
            ("60", "Hoạt động phát thanh, truyền hình"),
            ("61", "Viễn thông"),
            ("62", "Lập trình máy vi tính, dịch vụ tư vấn và các hoạt động khác liên quan đến máy vi tính"),
            ("63", "Hoạt động dịch vụ thông tin"),
        ],
    ),
    (
        "K",
        "Hoạt động tài chính, ngân hàng và bảo hiểm",
        "Financial and insurance activities",
        [
            ("64", "Hoạt động dịch vụ tài chính (trừ bảo hiểm và bảo hiểm xã hội)"),
            ("65", "Bảo hiểm, tái bảo hiểm và bảo hiểm xã hội (trừ bảo đảm xã hội bắt buộc)"),
            ("66", "Hoạt động tài chính khác"),
        ],
    ),
    (
        "L",
        "Hoạt động kinh doanh bất động sản",
        "Real estate activities",
        [
            ("68", "Hoạt động kinh doanh bất động sản"),
        ],
    ),
    (
        "M",
        "Hoạt động chuyên môn, khoa học và công nghệ",
        "Professional, scientific and technical activities",
        [
            ("69", "Hoạt động pháp luật, kế toán và kiểm toán"),
            ("70", "Hoạt động của trụ sở văn phòng; hoạt động tư vấn quản lý"),
            ("71", "Hoạt động kiến trúc; kiểm tra và phân tích kỹ thuật"),
            ("72", "Nghiên cứu khoa học và phát triển"),
            ("73", "Quảng cáo và nghiên cứu thị trường"),
            ("74", "Hoạt động chuyên môn, khoa học và công nghệ khác"),
            ("75", "Hoạt động thú y"),
        ],
    ),
    (
        "N",
        "Hoạt động hành chính và dịch vụ hỗ trợ",
        "Administrative and support service activities",
        [
            ("77", "Cho thuê máy móc, thiết bị, đồ dùng và tài sản vô hình"),
            ("78", "Hoạt động dịch vụ lao động và việc làm"),
            ("79", "Hoạt động của các đại lý du lịch, kinh doanh tua du lịch và các dịch vụ hỗ trợ"),
            ("80", "Hoạt động điều tra bảo đảm an toàn"),
            ("81", "Hoạt động dịch vụ vệ sinh nhà cửa, công trình và cảnh quan"),
            ("82", "Hoạt động hành chính, hỗ trợ văn phòng và các hoạt động hỗ trợ kinh doanh khác"),
        ],
    ),
    (
        "O",
        "Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý Nhà nước, an ninh quốc phòng; "
        "bảo đảm xã hội bắt buộc",
        "Public administration and defence; compulsory social security",
        [
            (
                "84",
                "Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý Nhà nước, an ninh quốc phòng; "
                "bảo đảm xã hội bắt buộc",
            ),
        ],
    ),
    ("P", "Giáo dục và đào tạo", "Education", [("85", "Giáo dục và đào tạo")]),
    (
        "Q",
        "Y tế và hoạt động trợ giúp xã hội",
        "Human health and social work activities",
        [
            ("86", "Hoạt động y tế"),
            ("87", "Hoạt động chăm sóc, điều dưỡng tập trung"),
            ("88", "Hoạt động trợ giúp xã hội không tập trung"),
        ],
    ),
    (
        "R",
        "Nghệ thuật, vui chơi và giải trí",
        "Arts, entertainment and recreation",
        [
            ("90", "Hoạt động sáng tác, nghệ thuật và giải trí"),
            ("91", "Hoạt động của thư viện, lưu trữ, bảo tàng và các hoạt động văn hóa khác"),
            ("92", "Hoạt động xổ số, cá cược và đánh bạc"),
            ("93", "Hoạt động thể thao, vui chơi và giải trí"),
        ],
    ),
    (
        "S",
        "Hoạt động dịch vụ khác",
        "Other service activities",
        [
            ("94", "Hoạt động của các hiệp hội, tổ chức khác"),
            ("95", "Sửa chữa máy vi tính, đồ dùng cá nhân và gia đình"),
            ("96", "Hoạt động dịch vụ phục vụ cá nhân khác"),
        ],
    ),
    (
        "T",
        "Hoạt động làm thuê các công việc trong các hộ gia đình, sản xuất sản phẩm vật chất và dịch vụ tự "
        "tiêu dùng của hộ gia đình",
        "Activities of households as employers",
        [
            ("97", "Hoạt động làm thuê các công việc trong các hộ gia đình"),
            ("98", "Hoạt động sản xuất sản phẩm vật chất và dịch vụ tự tiêu dùng của hộ gia đình"),
        ],
    ),
    (
        "U",
        "Hoạt động của các tổ chức và cơ quan quốc tế",
        "Activities of extraterritorial organizations",
        [
            ("99", "Hoạt động của các tổ chức và cơ quan quốc tế"),
        ],
    ),
]


def _vsic_2025() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """VSIC 2025 after ISIC Rev.5: J is split into publishing/broadcasting (J) and telecommunications
    and computing (K); the later sections move one letter on; a section for intermediation services
    (N) is not separate in Rev.5 (it is division 77 plus support), and household activities become U,
    extraterritorial V."""
    by_letter = {s[0]: s for s in VSIC_2018}
    out: list[tuple[str, str, str, list[tuple[str, str]]]] = []
    for letter in "ABCDEFGHI":
        out.append(by_letter[letter])
    out.append(
        (
            "J",
            "Hoạt động xuất bản, phát sóng, sản xuất và phân phối nội dung",
            "Publishing, broadcasting, and content production and distribution activities",
            [
                ("58", "Hoạt động xuất bản"),
                ("59", "Hoạt động điện ảnh, sản xuất chương trình truyền hình, ghi âm và xuất bản âm nhạc"),
                ("60", "Hoạt động phát thanh, truyền hình, hãng thông tấn và phân phối nội dung khác"),
            ],
        )
    )
    out.append(
        (
            "K",
            "Viễn thông, lập trình máy vi tính, tư vấn, hạ tầng tính toán và dịch vụ thông tin khác",
            "Telecommunication, computer programming, consulting, computing infrastructure and other "
            "information service activities",
            [
                ("61", "Viễn thông"),
                ("62", "Lập trình máy vi tính, dịch vụ tư vấn và các hoạt động khác liên quan đến máy vi tính"),
                ("63", "Hạ tầng tính toán, xử lý dữ liệu, lưu trữ và dịch vụ thông tin khác"),
            ],
        )
    )
    shifted = {
        "K": "L",
        "L": "M",
        "M": "N",
        "N": "O",
        "O": "P",
        "P": "Q",
        "Q": "R",
        "R": "S",
        "S": "T",
        "T": "U",
        "U": "V",
    }
    for old, new in shifted.items():
        _letter, vi, en, divisions = by_letter[old]
        out.append((new, vi, en, divisions))
    return out


VSIC_2025 = _vsic_2025()

VERSIONS = {"2018": VSIC_2018, "2025": VSIC_2025}
