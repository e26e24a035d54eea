"""Name data for the matcher corpus (tests/match/gen_corpus.py).

Vietnamese family names with approximate population shares, middle and
given names by sex; Lao given and family names in Lao script with the
spelling common in passports (BGN/PCGN-like) and a Vietnamese-style
transcription; Thai names with RTGS; Han names through a small table of
Sino-Vietnamese and pinyin readings; Khmer names romanized, with their
Khmer script and the spellings found in passports.
"""

# (name, weight in percent)
VN_FAMILY = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5),
    ("Huỳnh", 4), ("Phan", 4), ("Vũ", 3.9), ("Võ", 3), ("Đặng", 2.1),
    ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1),
    ("Lý", 0.5), ("Đinh", 0.6), ("Đoàn", 0.5), ("Lâm", 0.4), ("Mai", 0.4),
    ("Trịnh", 0.4), ("Trương", 0.5), ("Cao", 0.3), ("Lương", 0.3), ("Tạ", 0.2),
    ("Hà", 0.3), ("Tô", 0.2), ("Quách", 0.1), ("Kiều", 0.1), ("Chu", 0.1),
    ("Lưu", 0.2), ("Thái", 0.1), ("Vương", 0.1), ("La", 0.1), ("Tăng", 0.1),
    ("Phùng", 0.2), ("Đào", 0.3), ("Đàm", 0.1), ("Lục", 0.05), ("Nông", 0.1),
]

VN_MIDDLE_M = [("Văn", 40), ("Đức", 6), ("Minh", 6), ("Quốc", 4), ("Hữu", 5),
               ("Thanh", 4), ("Công", 4), ("Quang", 4), ("Xuân", 3), ("Ngọc", 3),
               ("Hoàng", 3), ("Đình", 4), ("Tuấn", 2), ("Mạnh", 2), ("Trọng", 3),
               ("Anh", 2), ("Duy", 2), ("Gia", 2), ("Tiến", 2), ("Thành", 2)]
VN_MIDDLE_F = [("Thị", 45), ("Ngọc", 7), ("Thu", 5), ("Thanh", 5), ("Minh", 3),
               ("Kim", 4), ("Bảo", 3), ("Phương", 3), ("Hồng", 4), ("Mai", 2),
               ("Khánh", 2), ("Diệu", 2), ("Thùy", 3), ("Quỳnh", 2), ("Hoài", 2),
               ("Bích", 2), ("Lan", 1), ("Mỹ", 2)]
VN_GIVEN_M = ("Long Hùng Dũng Tuấn Minh Nam Hải Sơn Thắng Cường Quân Hoàng Phong "
              "Khánh Huy Tùng Đạt Hiếu Trung Kiên Thành Bình An Vinh Hưng Lâm Toàn "
              "Tài Phúc Lộc Thịnh Quang Đức Tâm Nghĩa Hòa Tú Tiến Việt Duy Khoa Bảo "
              "Hậu Luân Nhân Thái Lực Trí Hiệp Quyết Sang Tín Thông Vũ Kiệt Tân Thuận "
              "Chiến Hào Khải Lượng Đông Công Định Giang Hiển Hợp Khang Linh Mạnh "
              "Nguyên Phát Quý Sỹ Thiện Thọ Trọng Trường Tuyên Uy Vượng Lương Đăng "
              "Điền Đoàn Độ").split()
VN_GIVEN_F = ("Lan Hương Hoa Mai Linh Hằng Trang Thảo Ngọc Anh Hà Huyền Nga Nhung "
              "Phương Thủy Yến Vân Dung Hạnh Hiền Hồng Liên Loan Ly My Nhi Oanh Quyên "
              "Quỳnh Tâm Thanh Thu Trinh Tuyết Uyên Vy Xuân Chi Diệp Duyên Giang Hải "
              "Hậu Hoài Khánh Kiều Lệ Ngân Nhàn Phượng Sương Thắm Thơ Thúy Trâm Tú Vi "
              "Diễm Châu Cúc Đào Gấm Hòa Lụa Đan Điệp").split()

# (Lao script, passport spelling, Vietnamese-style transcription, sex)
LAO_GIVEN = [
    ("ຄຳພອນ", "Khamphone", "Khăm-phon", "M"),
    ("ສົມພອນ", "Somphone", "Xôm-phon", "M"),
    ("ບຸນມີ", "Bounmy", "Bun-mi", "M"),
    ("ສົມສັກ", "Somsack", "Xôm-xắc", "M"),
    ("ຄຳສິງ", "Khamsing", "Khăm-xing", "M"),
    ("ສຸລິຍາ", "Souliya", "Xu-li-ya", "F"),
    ("ພອນສະຫວັນ", "Phonsavanh", "Phon-xa-văn", "M"),
    ("ວິໄລ", "Vilay", "Vi-lay", "F"),
    ("ມະນີ", "Many", "Ma-ni", "F"),
    ("ສຸກສະຫວັນ", "Souksavanh", "Xúc-xa-văn", "M"),
    ("ທອງສີ", "Thongsy", "Thong-xi", "M"),
    ("ທອງລຸນ", "Thongloun", "Thong-lun", "M"),
    ("ບຸນທັນ", "Bounthanh", "Bun-thăn", "M"),
    ("ສີສະຫວາດ", "Sisavath", "Xi-xa-vát", "M"),
    ("ແສງຈັນ", "Sengchanh", "Xeng-chăn", "F"),
    ("ວັນໄຊ", "Vanxay", "Văn-xay", "M"),
    ("ສອນໄຊ", "Sonexay", "Xon-xay", "M"),
    ("ບົວພັນ", "Bouaphanh", "Bua-phăn", "F"),
    ("ຄຳແພງ", "Khamphaeng", "Khăm-pheng", "F"),
    ("ສຸດາ", "Souda", "Xu-đa", "F"),
    ("ອຳພອນ", "Amphone", "Ăm-phon", "F"),
    ("ພູວົງ", "Phouvong", "Phu-vông", "M"),
    ("ຄຳມະນີ", "Khammany", "Khăm-ma-ni", "F"),
    ("ສຸພາພອນ", "Souphaphone", "Xu-pha-phon", "F"),
    ("ເພັດ", "Phet", "Phết", "M"),
    ("ແກ້ວ", "Keo", "Keo", "F"),
    ("ມາລີ", "Maly", "Ma-li", "F"),
    ("ນ້ອຍ", "Noy", "Nọi", "F"),
    ("ຄຳໝັ້ນ", "Khammanh", "Khăm-mẳn", "M"),
    ("ບຸນເຮືອງ", "Bounheuang", "Bun-hương", "M"),
    ("ຈັນທະວົງ", "Chanthavong", "Chăn-tha-vông", "M"),
    ("ແສງອາລຸນ", "Sengaloun", "Xeng-a-lun", "M"),
    ("ດາວວົງ", "Daovong", "Đao-vông", "F"),
    ("ສີສຸພັນ", "Sisouphanh", "Xi-xu-phăn", "M"),
    ("ພອນທິບ", "Phonethip", "Phon-thíp", "F"),
    ("ວຽງສະໄໝ", "Viengsamay", "Viêng-xa-may", "F"),
    ("ໜູເພັດ", "Nouphet", "Nu-phết", "F"),
    ("ສີໃສ", "Sisay", "Xi-xay", "M"),
    ("ບຸນຍົງ", "Bounyong", "Bun-yông", "M"),
    ("ຄຳຫລ້າ", "Khamla", "Khăm-la", "M"),
]

LAO_FAMILY = [
    ("ພົມມະຈັນ", "Phommachanh", "Phôm-ma-chăn"),
    ("ວົງສະຫວັນ", "Vongsavanh", "Vông-xa-văn"),
    ("ສີສຸລາດ", "Sisoulath", "Xi-xu-lát"),
    ("ສຸວັນນະວົງ", "Souvannavong", "Xu-văn-na-vông"),
    ("ພົມວິຫານ", "Phomvihane", "Phôm-vi-han"),
    ("ແກ້ວມະນີ", "Keomany", "Keo-ma-ni"),
    ("ຈັນທະລາ", "Chanthala", "Chăn-tha-la"),
    ("ສີພັນດອນ", "Siphandone", "Xi-phăn-đon"),
    ("ອິນທະວົງ", "Inthavong", "In-tha-vông"),
    ("ໄຊຍະສອນ", "Xayasone", "Xay-ya-xon"),
    ("ສີຫາລາດ", "Sihalath", "Xi-ha-lát"),
    ("ບຸບຜາ", "Boupha", "Bup-pha"),
    ("ສຸລິວົງ", "Soulivong", "Xu-li-vông"),
    ("ພິມມະສອນ", "Phimmasone", "Phim-ma-xon"),
    ("ທຳມະວົງ", "Thammavong", "Thăm-ma-vông"),
    ("ຄຳວົງສາ", "Khamvongsa", "Khăm-vông-xa"),
    ("ແສງສຸລິຍາ", "Sengsouliya", "Xeng-xu-li-ya"),
    ("ວົງພະຈັນ", "Vongphachanh", "Vông-pha-chăn"),
    ("ພົມມະວົງ", "Phommavong", "Phôm-ma-vông"),
    ("ສີວົງໄຊ", "Sivongxay", "Xi-vông-xay"),
    ("ດວງມະນີ", "Douangmany", "Đuông-ma-ni"),
    ("ດວງສະຫວັນ", "Douangsavanh", "Đuông-xa-văn"),
    ("ບຸນຍະວົງ", "Bounyavong", "Bun-ya-vông"),
    ("ສຸກສະຫວັດ", "Souksavath", "Xúc-xa-vát"),
    ("ແກ້ວວົງສາ", "Keovongsa", "Keo-vông-xa"),
    ("ພູມມະວົງ", "Phoummavong", "Phum-ma-vông"),
    ("ຫຼວງລາດ", "Louanglath", "Luông-lát"),
    ("ສິດທິວົງ", "Sitthivong", "Xít-thi-vông"),
    ("ລາດຊະວົງ", "Latsavong", "Lát-xa-vông"),
    ("ໄຊສົມບັດ", "Xaysombath", "Xay-xôm-bát"),
    ("ຄຳພູວົງ", "Khamphouvong", "Khăm-phu-vông"),
    ("ຈັນທະວົງສາ", "Chanthavongsa", "Chăn-tha-vông-xa"),
]

# (Thai script, RTGS, sex or None for family names)
THAI_GIVEN = [
    ("สมชาย", "Somchai", "M"), ("สมศักดิ์", "Somsak", "M"), ("สมพงษ์", "Somphong", "M"),
    ("วิชัย", "Wichai", "M"), ("สุดา", "Suda", "F"), ("มาลี", "Mali", "F"),
    ("สุนทร", "Sunthon", "M"), ("บุญมี", "Bunmi", "M"), ("ปัญญา", "Panya", "M"),
    ("ทองใบ", "Thongbai", "M"), ("สมหญิง", "Somying", "F"), ("มณี", "Mani", "F"),
]
THAI_FAMILY = [
    ("ใจดี", "Chaidi"), ("ศรีสุข", "Srisuk"), ("ทองดี", "Thongdi"), ("บุญมา", "Bunma"),
    ("แก้วมณี", "Kaeomani"), ("มีสุข", "Misuk"), ("สมบูรณ์", "Sombun"), ("ทองคำ", "Thongkham"),
]

# Han characters: (char, Sino-Vietnamese with diacritics, pinyin)
HAN_FAMILY = [("陳", "Trần", "Chen"), ("李", "Lý", "Li"), ("王", "Vương", "Wang"),
              ("張", "Trương", "Zhang"), ("劉", "Lưu", "Liu"), ("黃", "Hoàng", "Huang"),
              ("林", "Lâm", "Lin"), ("吳", "Ngô", "Wu"), ("周", "Chu", "Zhou"),
              ("楊", "Dương", "Yang"), ("趙", "Triệu", "Zhao"), ("梁", "Lương", "Liang"),
              ("何", "Hà", "He"), ("郭", "Quách", "Guo"), ("馬", "Mã", "Ma")]
HAN_GIVEN = [("明", "Minh", "Ming"), ("華", "Hoa", "Hua"), ("德", "Đức", "De"),
             ("國", "Quốc", "Guo"), ("英", "Anh", "Ying"), ("春", "Xuân", "Chun"),
             ("秋", "Thu", "Qiu"), ("香", "Hương", "Xiang"), ("蘭", "Lan", "Lan"),
             ("玉", "Ngọc", "Yu"), ("金", "Kim", "Jin"), ("山", "Sơn", "Shan"),
             ("海", "Hải", "Hai"), ("雄", "Hùng", "Xiong"), ("強", "Cường", "Qiang"),
             ("勇", "Dũng", "Yong"), ("俊", "Tuấn", "Jun"), ("忠", "Trung", "Zhong"),
             ("光", "Quang", "Guang"), ("平", "Bình", "Ping"), ("成", "Thành", "Cheng"),
             ("芳", "Phương", "Fang"), ("梅", "Mai", "Mei"), ("輝", "Huy", "Hui"),
             ("偉", "Vĩ", "Wei"), ("志", "Chí", "Zhi"), ("福", "Phúc", "Fu"),
             ("新", "Tân", "Xin"), ("東", "Đông", "Dong"), ("美", "Mỹ", "Mei"),
             ("麗", "Lệ", "Li"), ("雲", "Vân", "Yun"), ("寶", "Bảo", "Bao"),
             ("興", "Hưng", "Xing"), ("天", "Thiên", "Tian"), ("玲", "Linh", "Ling")]

KH_FAMILY = "Sok Chea Chan Heng Keo Kim Ly Meas Nhem Prak Sam Seng Touch Mao Ouk Pen Hun Sar".split()
KH_GIVEN = "Dara Sophea Sokha Vannak Bopha Chenda Rithy Sovann Piseth Sreymom Kosal Visal Sophal Channary Vuthy Narith".split()

# Khmer script of each romanized name above, and the spellings Cambodian
# passports use for it (the first is the one in KH_FAMILY / KH_GIVEN).
KH_SCRIPT = {
    "Sok": ("សុខ", ["Sok", "Sokh"]),
    "Chea": ("ជា", ["Chea", "Chia"]),
    "Chan": ("ចាន់", ["Chan", "Chann"]),
    "Heng": ("ហេង", ["Heng"]),
    "Keo": ("កែវ", ["Keo"]),
    "Kim": ("គឹម", ["Kim"]),
    "Ly": ("លី", ["Ly", "Li"]),
    "Meas": ("មាស", ["Meas", "Mias"]),
    "Nhem": ("ញែម", ["Nhem"]),
    "Prak": ("ប្រាក់", ["Prak"]),
    "Sam": ("សំ", ["Sam"]),
    "Seng": ("សេង", ["Seng"]),
    "Touch": ("ទូច", ["Touch", "Tuch"]),
    "Mao": ("ម៉ៅ", ["Mao"]),
    "Ouk": ("អ៊ុក", ["Ouk", "Uk"]),
    "Pen": ("ប៉ែន", ["Pen", "Paen"]),
    "Hun": ("ហ៊ុន", ["Hun", "Houn"]),
    "Sar": ("សារ", ["Sar"]),
    "Dara": ("ដារ៉ា", ["Dara", "Darah"]),
    "Sophea": ("សុភា", ["Sophea", "Sophia"]),
    "Sokha": ("សុខា", ["Sokha"]),
    "Vannak": ("វណ្ណៈ", ["Vannak", "Vanak"]),
    "Bopha": ("បុប្ផា", ["Bopha", "Boppha"]),
    "Chenda": ("ចិន្តា", ["Chenda"]),
    "Rithy": ("រិទ្ធី", ["Rithy", "Rithi"]),
    "Sovann": ("សុវណ្ណ", ["Sovann", "Sovan"]),
    "Piseth": ("ពិសិដ្ឋ", ["Piseth", "Piset"]),
    "Sreymom": ("ស្រីមុំ", ["Sreymom", "Srey Mom"]),
    "Kosal": ("កុសល", ["Kosal"]),
    "Visal": ("វិសាល", ["Visal"]),
    "Sophal": ("សុផល", ["Sophal"]),
    "Channary": ("ចន្នារី", ["Channary", "Chanary"]),
    "Vuthy": ("វុទ្ធី", ["Vuthy", "Vuthi"]),
    "Narith": ("ណារិទ្ធ", ["Narith", "Narit"]),
}
