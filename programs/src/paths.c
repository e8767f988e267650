/*
 * Path lookup and errno as Linux gives them: an empty path, ".." after a missing or non-directory
 * component, trailing slashes, "." and ".." as last components, names over 255 bytes and paths
 * over 4095, reading a directory, and the errors of creating, removing and renaming over what is
 * there. Each call prints its result and errno name; the program makes its own files and folders
 * in the working folder and removes them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *name(int e) {
    switch (e) {
        case 0: return "0";
        case ENOENT: return "ENOENT";
        case EACCES: return "EACCES";
        case EEXIST: return "EEXIST";
        case ENOTDIR: return "ENOTDIR";
        case EISDIR: return "EISDIR";
        case EINVAL: return "EINVAL";
        case ENOTEMPTY: return "ENOTEMPTY";
        case ENAMETOOLONG: return "ENAMETOOLONG";
        case EBUSY: return "EBUSY";
        case EBADF: return "EBADF";
        case ELOOP: return "ELOOP";
        case EFAULT: return "EFAULT";
        default: return "other";
    }
}

static void show(const char *what, long r) {
    int e = r < 0 ? errno : 0;
    printf("%-44s %s\n", what, r < 0 ? name(e) : "ok");
}

static long open_close(const char *path, int flags) {
    int fd = open(path, flags, 0644);
    if (fd >= 0) {
        close(fd);
    }
    return fd;
}

static long stat_of(const char *path) {
    struct stat st;
    return stat(path, &st);
}

int main(void) {
    mkdir("pdir", 0755);
    mkdir("pdir/sub", 0755);
    close(open("pdir/file", O_CREAT | O_WRONLY | O_TRUNC, 0644));
    close(open("pfile", O_CREAT | O_WRONLY | O_TRUNC, 0644));

    show("open \"\"", open_close("", O_RDONLY));
    show("stat \"\"", stat_of(""));
    show("open nodir/../pfile", open_close("nodir/../pfile", O_RDONLY));
    show("open pfile/../pfile", open_close("pfile/../pfile", O_RDONLY));
    show("open pdir/sub/../file", open_close("pdir/sub/../file", O_RDONLY));
    show("open pdir/./sub/.././file", open_close("pdir/./sub/.././file", O_RDONLY));
    show("open pfile/", open_close("pfile/", O_RDONLY));
    show("open pfile/.", open_close("pfile/.", O_RDONLY));
    show("open pdir/", open_close("pdir/", O_RDONLY));
    show("open new/ O_CREAT", open_close("pnew/", O_CREAT | O_WRONLY));
    show("open pdir O_WRONLY", open_close("pdir", O_WRONLY));
    show("open pdir O_CREAT", open_close("pdir", O_CREAT | O_RDONLY));
    show("open pfile O_CREAT|O_EXCL", open_close("pfile", O_CREAT | O_EXCL | O_WRONLY));
    show("open pfile O_DIRECTORY", open_close("pfile", O_RDONLY | O_DIRECTORY));
    show("open missing O_DIRECTORY", open_close("missing", O_RDONLY | O_DIRECTORY));
    show("stat pfile/", stat_of("pfile/"));
    show("stat pdir/sub/", stat_of("pdir/sub/"));
    show("stat nodir/..", stat_of("nodir/.."));

    char buf[16];
    int d = open("pdir", O_RDONLY);
    errno = 0;
    show("read a directory", read(d, buf, sizeof buf));
    show("write a directory", write(d, buf, 1));
    close(d);

    char longname[300];
    memset(longname, 'n', 256);
    longname[256] = 0;
    show("open a 256-byte name", open_close(longname, O_RDONLY));
    show("create a 256-byte name", open_close(longname, O_CREAT | O_WRONLY));
    show("mkdir a 256-byte name", mkdir(longname, 0755));
    longname[255] = 0;
    show("create a 255-byte name", open_close(longname, O_CREAT | O_WRONLY));
    show("unlink it", unlink(longname));
    char nested[300];
    memset(longname, 'n', 256);
    longname[256] = 0;
    snprintf(nested, sizeof nested, "nodir/%s", longname);
    show("nodir/<256 bytes> (nodir first)", open_close(nested, O_RDONLY));
    snprintf(nested, sizeof nested, "%s/x", longname);
    show("<256 bytes>/x", open_close(nested, O_RDONLY));

    char *path = malloc(5000);
    strcpy(path, "pdir");
    while (strlen(path) < 4090) {
        strcat(path, "/.");
    }
    show("a 4094-byte path", stat_of(path));
    while (strlen(path) < 4095) {
        strcat(path, "/");
    }
    show("a 4095-byte path", stat_of(path));
    strcat(path, "/");
    show("a 4096-byte path", stat_of(path));
    free(path);

    show("mkdir pdir (exists)", mkdir("pdir", 0755));
    show("mkdir pfile (a file)", mkdir("pfile", 0755));
    show("mkdir nodir/x", mkdir("nodir/x", 0755));
    show("mkdir pfile/x", mkdir("pfile/x", 0755));
    show("mkdir pnewdir/", mkdir("pnewdir/", 0755));
    show("rmdir pnewdir/", rmdir("pnewdir/"));
    show("rmdir pdir (not empty)", rmdir("pdir"));
    show("rmdir pfile", rmdir("pfile"));
    show("rmdir pdir/sub/.", rmdir("pdir/sub/."));
    show("rmdir pdir/sub/..", rmdir("pdir/sub/.."));
    show("rmdir missing", rmdir("missing"));
    show("unlink pdir", unlink("pdir"));
    show("unlink pfile/", unlink("pfile/"));
    show("unlink missing", unlink("missing"));
    show("unlink nodir/../pfile", unlink("nodir/../pfile"));
    show("access nodir/../pfile", access("nodir/../pfile", F_OK));
    show("access pfile/", access("pfile/", F_OK));
    show("chdir pfile", chdir("pfile"));
    show("chdir nodir/..", chdir("nodir/.."));

    int dir = open("pdir", O_RDONLY | O_DIRECTORY);
    int file = open("pfile", O_RDONLY);
    struct stat at;
    show("openat a folder's descriptor, a name in it", (d = openat(dir, "file", O_RDONLY)) < 0 ? -1 : close(d));
    show("fstatat a folder in it", fstatat(dir, "sub", &at, 0) == 0 && S_ISDIR(at.st_mode) ? 0 : -1);
    show("mkdirat and unlinkat (AT_REMOVEDIR) in it", mkdirat(dir, "made", 0755) == 0 ? unlinkat(dir, "made",
         AT_REMOVEDIR) : -1);
    show("faccessat in it", faccessat(dir, "sub/..", F_OK, 0));
    show("renameat from it to the working folder", renameat(dir, "file", AT_FDCWD, "pmoved"));
    show("renameat back", renameat(AT_FDCWD, "pmoved", dir, "file"));
    show("openat a file's descriptor (ENOTDIR)", openat(file, "x", O_RDONLY));
    show("openat a closed descriptor (EBADF)", openat(99, "x", O_RDONLY));
    show("openat with an absolute path ignores the descriptor", openat(99, "/", O_RDONLY) < 0 ? -1 : 0);
    show("fchdir to it", fchdir(dir));
    show("then a relative name is from it", stat_of("sub"));
    show("fchdir to a file (ENOTDIR)", fchdir(file));
    show("chdir back up", chdir(".."));
    close(dir);
    close(file);

    mkdir("pother", 0755);
    close(open("pother/inside", O_CREAT | O_WRONLY, 0644));
    mkdir("pempty", 0755);
    show("rename pfile onto pempty (a folder)", rename("pfile", "pempty"));
    show("rename pempty onto pfile (a file)", rename("pempty", "pfile"));
    show("rename pempty onto pother (not empty)", rename("pempty", "pother"));
    show("rename pdir into itself", rename("pdir", "pdir/sub/x"));
    show("rename missing", rename("missing", "x"));
    show("rename pfile to nodir/x", rename("pfile", "nodir/x"));
    show("rename pfile/ to x", rename("pfile/", "px"));
    show("rename pfile onto itself", rename("pfile", "pfile"));
    show("rename pempty onto pdir/sub (empty)", rename("pempty", "pdir/sub"));
    struct stat st;
    show("pdir/sub is still a folder", stat("pdir/sub", &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1);

    unlink("pother/inside");
    rmdir("pother");
    rmdir("pempty");
    unlink("pdir/file");
    rmdir("pdir/sub");
    rmdir("pdir");
    unlink("pfile");
    show("all removed", stat_of("pdir") < 0 && stat_of("pfile") < 0 ? 0 : -1);
    return 0;
}
