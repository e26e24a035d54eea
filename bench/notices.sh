#!/bin/sh
# Notices at scale: imports NOTICES (default 20,000) generated wanted
# notices from CSV, imports the same file again (every row unchanged), then
# screens one traveller and a manifest of MANIFEST (default 1,000)
# travellers from the command line (each run builds the screening index from
# the database first). Target: an import of 20,000 lines in a few seconds.
set -eu
bin=${REDLINE_BIN:?}
n=${NOTICES:-20000}
m=${MANIFEST:-1000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/bench.db"
"$bin" --db "$db" init --demo >/dev/null
# Vietnamese names from a few family, middle and given names; birth dates
# and document numbers spread so most rows are distinct people.
awk -v n="$n" -v m="$m" -v dir="$dir" 'BEGIN {
	split("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Ngô Hồ Dương Lò Vàng Thào", fam, " ");
	split("Văn Thị Minh Quốc Đức Thanh Hữu Ngọc", mid, " ");
	split("An Bình Châu Dũng Hà Hải Hương Khánh Lan Long Tâm Tuấn Hùng Mai Sơn Thảo Vinh Yến", giv, " ");
	srand(1);
	f = dir "/notices.csv";
	print "ref,kind,full_name,aliases,birth_date,sex,nationality,document_no" > f;
	for (i = 0; i < n; i++)
		printf "BENCH-%06d,wanted,%s %s %s,,19%02d-%02d-%02d,M,VNM,B%07d\n", i,
			fam[1 + int(rand() * 15)], mid[1 + int(rand() * 8)], giv[1 + int(rand() * 19)],
			50 + int(rand() * 50), 1 + int(rand() * 12), 1 + int(rand() * 28), i > f;
	g = dir "/manifest.csv";
	print "ref,full_name,birth_date,sex,nationality,document_no" > g;
	for (i = 0; i < m; i++)
		printf "T%05d,%s %s %s,19%02d-%02d-%02d,M,VNM,\n", i,
			fam[1 + int(rand() * 15)], mid[1 + int(rand() * 8)], giv[1 + int(rand() * 19)],
			50 + int(rand() * 50), 1 + int(rand() * 12), 1 + int(rand() * 28) > g;
}'
now() { date +%s.%N; }
ms() { echo "$1 $2" | awk '{ printf "%d", ($2 - $1) * 1000 }'; }
t0=$(now)
"$bin" --db "$db" notice import "$dir/notices.csv" --unit VN-22 --sharing both >/dev/null
t1=$(now)
echo "import of $n notices: $(ms "$t0" "$t1") ms"
"$bin" --db "$db" notice import "$dir/notices.csv" --unit VN-22 --sharing both >/dev/null
t2=$(now)
echo "re-import of the same $n notices (all unchanged): $(ms "$t1" "$t2") ms"
"$bin" --db "$db" --as la-xi-v0102.checkpoint screen --name "NGUYEN VAN LONG" --birth 1985-03-12 >/dev/null
t3=$(now)
echo "one screening, index of $n notices built first: $(ms "$t2" "$t3") ms (whole process)"
"$bin" --db "$db" --as la-xi-v0102.checkpoint screen "$dir/manifest.csv" >/dev/null 2>&1 || true
t4=$(now)
echo "manifest of $m travellers: $(ms "$t3" "$t4") ms (whole process)"
