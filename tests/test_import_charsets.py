"""Files in a legacy charset import: a page saved from a Russian or Japanese site declares
windows-1251 or Shift_JIS, a text file from Notepad is in its code page. They were refused as
"not a text file"; JSONL stays UTF-8, as JSON is, and binary files stay refused."""

from __future__ import annotations

import json

from conftest import write_jsonl

RUSSIAN_PAGE = (
    '<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>'
    "<h1>В Казани открылся новый мост через Волгу</h1><p>В понедельник в Казани открылся "
    "новый мост через Волгу. Строительство обошлось в 12 миллиардов рублей, сообщил мэр "
    "города Илсур Метшин.</p><p>В следующем году планируется открыть ещё одну развязку, "
    "добавил он журналистам на церемонии открытия моста.</p></article></body></html>"
)
JAPANESE_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    "</head><body><article><h1>東京で震度4の地震</h1><p>気象庁によると、東京で震度4の"
    "地震が観測されました。津波の心配はありません。専門家は今後一週間は同程度の地震に"
    "注意するよう呼びかけています。</p></article></body></html>"
)
RUSSIAN_TEXT = (
    "Новый мост в Казани\n\nВ понедельник в Казани открылся новый мост через Волгу, "
    "сообщил мэр города. Движение по мосту откроют в среду.\n"
)


def titles(run) -> set[str]:
    shown = json.loads(run("brief", "--since", "3650d", "--format", "json", "--no-record").output)
    return {s["title"] for story in shown["stories"] for s in story["sources"]}


def test_pages_and_text_files_in_a_legacy_charset_import(run, tmp_path):
    (tmp_path / "ru.html").write_bytes(RUSSIAN_PAGE.encode("cp1251"))
    (tmp_path / "ja.htm").write_bytes(JAPANESE_PAGE.encode("shift_jis"))
    (tmp_path / "ru.txt").write_bytes(RUSSIAN_TEXT.encode("cp1251"))
    done = run("import", str(tmp_path))
    assert done.exit_code == 0 and "added 3, already present 0, failed 0" in done.output
    assert titles(run) == {
        "В Казани открылся новый мост через Волгу",
        "東京で震度4の地震",
        "Новый мост в Казани",
    }


def test_jsonl_stays_utf8_and_binary_files_stay_refused(run, tmp_path):
    legacy = tmp_path / "legacy.jsonl"
    legacy.write_bytes(json.dumps({"title": "Мост", "text": "Мост открыт."}, ensure_ascii=False)
                       .encode("cp1251"))  # fmt: skip
    binary = tmp_path / "noise.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    good = write_jsonl(tmp_path / "good.jsonl", [{"title": "Fine", "text": "A fine report."}])
    done = run("import", str(legacy), str(binary), str(good))
    assert "added 1, already present 0, failed 2" in done.output
    assert f"{legacy}: not a text file (binary or not UTF-8)" in done.output
    assert f"{binary}: not a text file (binary, or its charset unknown)" in done.output
