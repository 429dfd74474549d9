// Wide-character ncurses for Swift. SwiftPM drops -D flags from pkg-config, so the feature macros are set here, and
// what Swift cannot import (macros) or Swift 6 refuses (shared mutable globals) is wrapped in static inline functions.
#ifndef VIGIL_CNCURSES_SHIM_H
#define VIGIL_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *vigil_stdscr(void) { return stdscr; }
static inline int vigil_lines(void) { return LINES; }
static inline int vigil_cols(void) { return COLS; }
static inline int vigil_colors(void) { return COLORS; }
static inline int vigil_color_pairs(void) { return COLOR_PAIRS; }
static inline int vigil_key_resize(void) { return KEY_RESIZE; }
static inline int vigil_key_mouse(void) { return KEY_MOUSE; }
static inline int vigil_err(void) { return ERR; }

static inline attr_t vigil_a_bold(void) { return A_BOLD; }
static inline attr_t vigil_a_dim(void) { return A_DIM; }
static inline attr_t vigil_a_underline(void) { return A_UNDERLINE; }
static inline attr_t vigil_a_reverse(void) { return A_REVERSE; }
static inline attr_t vigil_a_blink(void) { return A_BLINK; }
static inline attr_t vigil_a_italic(void) { return A_ITALIC; }
static inline attr_t vigil_a_normal(void) { return A_NORMAL; }

static inline mmask_t vigil_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline mmask_t vigil_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t vigil_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t vigil_button5_pressed(void) { return 0; }
#endif
static inline mmask_t vigil_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

/// Writes one cell: a wide character string (one grapheme) with attributes and a colour pair.
static inline int vigil_put(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// Reads one key or character: the value, and whether it is a function key (KEY_*) rather than a character.
static inline int vigil_get(wint_t *value) { return get_wch(value); }

#endif
