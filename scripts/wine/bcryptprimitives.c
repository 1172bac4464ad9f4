/*
 * TEST-ONLY. Never shipped, never part of a release: scripts/test-dist-wine.sh builds it
 * into the private Wine prefix it runs the Windows builds in (build/wine/), nowhere else.
 *
 * Every Go (>= 1.22) Windows program calls ProcessPrng from bcryptprimitives.dll when it
 * starts, for its random numbers. Real Windows (10 and later) has it; Debian 12's Wine 8
 * does not, and the program stops at once with "fatal error: bcryptprimitives.dll not
 * found". This stand-in gives ProcessPrng over advapi32's SystemFunction036
 * (RtlGenRandom), which Wine has, so that the real Involve.exe and involve-server exe can
 * be run under Wine. Built with:
 *
 *   x86_64-w64-mingw32-gcc -O2 -s -shared -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

/* ProcessPrng fills data with len random bytes; it always succeeds on Windows (TRUE). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
