#ifndef LEARN_CCMARK_SHIM_H
#define LEARN_CCMARK_SHIM_H
#include <cmark.h>
#include <locale.h>
#include <wchar.h>

// Glibc's Swift module does not export wcwidth; declare it here so the renderer can
// measure display columns (Hangul is two columns wide). Call setlocale(LC_CTYPE, "C.UTF-8") first.
int wcwidth(wchar_t c);
#endif
