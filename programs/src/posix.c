/* POSIX calls: scanf from stdin, wide chars, stdio seek, file mmap, unlink/access, rusage, times, uname, mremap. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <limits.h>
int main(void){
  int a,b; char w[32];
  if(scanf("%d %d %31s",&a,&b,w)==3) printf("sum %d word %s\n",a+b,w);
  wchar_t ws[]=L"héllo"; printf("%zu %ls\n",wcslen(ws),L"abc");
  FILE*f=fopen("tmp_c.txt","w+"); fprintf(f,"line1\nline2\n"); fseek(f,0,SEEK_SET); char buf[100]; fgets(buf,100,f); printf("read %s",buf); printf("tell %ld\n",ftell(f)); fclose(f);
  int fd=open("tmp_c.txt",O_RDONLY); char*m=mmap(0,12,PROT_READ,MAP_PRIVATE,fd,0); printf("mmap %.5s\n",m); munmap(m,12); close(fd);
  unlink("tmp_c.txt"); printf("access %d\n",access("tmp_c.txt",F_OK));
  struct rusage ru; printf("rusage %d\n",getrusage(RUSAGE_SELF,&ru));
  struct tms tt; clock_t c=times(&tt); printf("times ok %d\n",c!=(clock_t)-1);
  printf("clock %d\n", clock()>=0);
  struct utsname un; uname(&un); printf("%s %s\n",un.sysname,un.machine);
  printf("env %s\n",getenv("HOME")?"home":"nohome");
  char cwd[PATH_MAX]; printf("cwd %s\n",getcwd(cwd,sizeof cwd)?"ok":"fail");
  printf("pagesize %ld\n",sysconf(_SC_PAGESIZE));
  usleep(1000); sleep(0);
  void*p=mmap(0,1<<20,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0); memset(p,7,1<<20); p=mremap(p,1<<20,4<<20,MREMAP_MAYMOVE); printf("mremap %d\n",((char*)p)[1000]);
  char *s=strdup("a,b,,c"); for(char*t=strtok(s,",");t;t=strtok(0,","))printf("[%s]",t); puts("");
  printf("%d\n",isatty(1));
  return 0;
}
