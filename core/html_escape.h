// Escaping text for HTML and XML (the receiver's staff pages, Tesseract's hOCR).
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace intake {

// `text` with < > & " ' written as &lt; &gt; &amp; &quot; &#39; (the five Tesseract's hOCR
// escapes too), safe inside element content and quoted attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace intake
