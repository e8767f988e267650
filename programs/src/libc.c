/* libc breadth: qsort, long double printf, strftime/timegm, strtol overflow errno, libm, atexit, exit status 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <ctype.h>
#include <locale.h>
#include <signal.h>
#include <inttypes.h>
static int cmp(const void*a,const void*b){return strcmp(*(char**)a,*(char**)b);}
static void bye(void){puts("atexit ran");}
int main(int argc,char**argv){
  atexit(bye);
  char *w[]={"pear","apple","fig","banana","kiwi"};
  qsort(w,5,sizeof(char*),cmp);
  for(int i=0;i<5;i++)printf("%s%c",w[i],i==4?'\n':' ');
  printf("%Lf %Le %.30Lg\n",(long double)1/3,(long double)2/7,(long double)M_PI);
  long double q=1.0L; for(int i=0;i<50;i++) q=q*1.1L+sqrtl(q); printf("%.20Lg\n",q);
  printf("%a %A %g %G %e\n",1.0/3,2.5,1e-300*1e-10,1e300,-0.0);
  printf("[%10.4s][%-8d][%+05d][%x][%#o][%p]\n","abcdefg",42,7,255,8,(void*)0x1234);
  printf("%" PRId64 " %" PRIu64 "\n",INT64_MIN,UINT64_MAX);
  char buf[64]; snprintf(buf,sizeof buf,"%08.3f|%s",3.14159,"x"); puts(buf);
  printf("strtod %.17g %.17g %.17g\n",strtod("1e-320",0),strtod("0x1.8p3",0),strtod("inf",0));
  errno=0; long v=strtol("99999999999999999999",0,10); printf("%ld %d %s\n",v,errno,strerror(errno));
  struct tm tm={0}; tm.tm_year=100; tm.tm_mon=1; tm.tm_mday=29; time_t t=timegm(&tm); printf("%ld\n",(long)t);
  strftime(buf,sizeof buf,"%Y-%m-%d %a %b %j",&tm); puts(buf);
  struct tm *g=gmtime(&t); printf("%d %d\n",g->tm_wday,g->tm_yday);
  srand(42); printf("%d %d\n",rand(),rand());
  printf("%s\n",setlocale(LC_ALL,"C"));
  int fd=open("nonexist/x",O_RDONLY); printf("open %d %s\n",fd,strerror(errno));
  char*p=malloc(100000000); printf("big %s\n",p?"ok":"null"); memset(p,1,100000000); free(p);
  for(int i=0;i<256;i++) if(isalpha(i)!=0 && i>127) puts("hi");
  printf("%d %s\n",argc,argv[0]!=0?"argv0":"");
  fprintf(stderr,"to stderr %d\n",5);
  double d=0; for(int i=1;i<1000;i++) d+=sin(i)*cos(i)/tan(i+0.5)+exp(-i)+log1p(i)+pow(i,0.3)+cbrt(i)+atan2(i,3)+hypot(i,2)+fmod(i,7.3)+erf(i*0.01)+tgamma(1+i*0.01)+lgamma(i);
  printf("%.15g\n",d);
  float f=0; for(int i=1;i<1000;i++) f+=sinf(i)*expf(-i*0.001f)+sqrtf(i)+logf(i); printf("%.9g\n",f);
  return 3;
}
