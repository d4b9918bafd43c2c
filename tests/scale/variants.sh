# Sourced by the scale tests that read one generated file in several shapes:
# variants DIR writes, beside DIR/lf.csv, the same with CRLF and a byte order mark
# (crlf.csv), with a space before some scores that libcsv trims and the scanner
# leaves to the loader (space.csv), with a label of many quoted lines on every row
# so that cuts at a newline fall inside quotes (multiline.csv), and with an invalid
# score in the middle (bad.csv).
variants() { # dir
  local d=$1
  { printf '\357\273\277'; sed 's/$/\r/' "$d/lf.csv"; } >"$d/crlf.csv"
  awk 'NR % 1000 == 0 { sub(/,[0-9.]+$/, ", &"); sub(/, ,/, ", ") } { print }' "$d/lf.csv" >"$d/space.csv"
  awk -F, 'NR == 1 { print $0 ",label"; next } { print $0 ",\"a\nb\nc\nd\ne\nf\ng\nh\"" }' "$d/lf.csv" >"$d/multiline.csv"
  awk 'NR == 20000 { sub(/,[0-9.]+$/, ",9o.5") } { print }' "$d/lf.csv" >"$d/bad.csv"
}
