#!/usr/bin/env python3
"""Writes the encoding and malformed-input fixtures of FeedsTests (bytes that are awkward to
keep in a text editor). Run from this folder: python3 make_fixtures.py"""

def rss(title, desc, decl_encoding=None):
    decl = f'<?xml version="1.0" encoding="{decl_encoding}"?>\n' if decl_encoding else ''
    return (decl + '<rss version="2.0"><channel><title>Encoding test</title>'
            f'<item><title>{title}</title><link>https://enc.example.org/1</link>'
            f'<description>{desc}</description></item></channel></rss>\n')

def write(name, data):
    with open(name, 'wb') as f:
        f.write(data)

write('enc-windows-1252.xml', rss('Café – “quoted” €5', 'naïve', 'windows-1252').encode('cp1252'))
# Declared Latin-1 but using the 0x80–0x9F range: read as windows-1252 (WHATWG Encoding §4.2).
write('enc-latin1-as-1252.xml', rss('“Smart” quotes', 'x', 'ISO-8859-1').encode('cp1252'))
write('enc-iso-8859-2.xml', rss('Zażółć gęślą jaźń', 'Polska', 'ISO-8859-2').encode('iso-8859-2'))
write('enc-koi8-r.xml', rss('Новости дня', 'Москва', 'KOI8-R').encode('koi8_r'))
write('enc-shift_jis.xml', rss('東京のニュース', '天気', 'Shift_JIS').encode('shift_jis'))
write('enc-gb2312.xml', rss('北京新闻', '天气', 'GB2312').encode('gb2312'))
write('enc-big5.xml', rss('台灣新聞', '天氣', 'Big5').encode('big5'))
write('enc-utf-16le-bom.xml', b'\xff\xfe' + rss('Ünïcödé 16', 'le', 'UTF-16').encode('utf-16-le'))
write('enc-utf-16be-bom.xml', b'\xfe\xff' + rss('Ünïcödé 16', 'be', 'UTF-16').encode('utf-16-be'))
write('enc-utf-8-bom.xml', b'\xef\xbb\xbf' + rss('Straße', 'bom', 'UTF-8').encode('utf-8'))
# KOI8-R bytes whose declaration lies (windows-1251): the HTTP charset must win (RFC 7303 §3.2).
write('enc-http-wins.xml', rss('Новости дня', 'x', 'windows-1251').encode('koi8_r'))
# A UTF-8 BOM beats a wrong HTTP charset.
write('enc-bom-wins.xml', b'\xef\xbb\xbf' + rss('Straße', 'x').encode('utf-8'))
# Invalid UTF-8 bytes inside a UTF-8 feed: replaced, not fatal.
write('enc-invalid-utf8.xml', rss('Bad \xff byte', 'x', 'UTF-8').encode('latin-1').replace(b'\xc3\xbf', b'\xff'))
# No declaration, not UTF-8: read as windows-1252.
write('enc-undeclared-1252.xml', rss('Résumé', 'x').encode('cp1252'))

items = []
for i in range(1, 51):
    title = f'Story {i}'
    if i == 17:
        title = 'Story 17 &bogus; entity'
    items.append(f'<item><title>{title}</title><link>https://broken.example.org/{i}</link></item>')
write('malformed-entity-50.xml', ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Fifty</title>\n'
      + '\n'.join(items) + '\n</channel></rss>\n').encode())

items = [f'<item><title>Item {i}</title><guid>g{i}</guid></item>' for i in range(1, 11)]
items[4] = '<item><title>Item 5</titel><guid>g5</guid></item>'
write('malformed-mismatched.xml', ('<rss version="2.0"><channel><title>Mismatch &amp; co</title>\n'
      + '\n'.join(items) + '\n<item><title>After &amp; error</title><guid>g11</guid></item></channel></rss>\n').encode())

write('malformed-truncated.xml', ('<rss version="2.0"><channel><title>Cut</title>'
      + ''.join(f'<item><title>T{i}</title><guid>t{i}</guid></item>' for i in range(1, 4))
      + '<item><title>T4</ti').encode())

write('malformed-controls.xml', rss('Bell\x07 and \x0bvertical', 'nul\x01l').encode())

write('malformed-undeclared-prefix.xml', b'<rss version="2.0"><channel><title>P</title><item><title>T</title>'
      b'<dc:creator>Undeclared Prefix</dc:creator><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>'
      b'</item></channel></rss>')

laughs = ['<?xml version="1.0"?>', '<!DOCTYPE rss [', '<!ENTITY lol "lol">']
for n in range(1, 10):
    prev = 'lol' if n == 1 else f'lol{n - 1}'
    laughs.append(f'<!ENTITY lol{n} "' + f'&{prev};' * 10 + '">')
laughs += [']>', '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>']
write('attack-billion-laughs.xml', '\n'.join(laughs).encode())

big = 'A' * 50000
write('attack-quadratic.xml', ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + big + '">]>\n'
      '<rss version="2.0"><channel><title>q</title><item><title>' + '&a;' * 20000 + '</title></item></channel></rss>').encode())

write('attack-xxe.xml', b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
      b'<rss version="2.0"><channel><title>x</title><item><title>Secret: &xxe;</title><guid>xxe</guid></item></channel></rss>')

write('attack-deep.xml', ('<rss version="2.0"><channel><title>deep</title><item><title>ok</title><guid>d1</guid></item>'
      + '<x>' * 5000 + '</x>' * 5000 + '</channel></rss>').encode())

write('internal-entity.xml', b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY site "Example Site">]>\n'
      b'<rss version="2.0"><channel><title>&site; News</title><item><title>From &site;</title><guid>e1</guid></item></channel></rss>')
