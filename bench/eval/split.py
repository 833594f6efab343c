import re, sys, yaml, collections
import os
# The set to split or check: evaluation-set.yaml (first edition) or evaluation-set-2.yaml.
P=os.path.join(os.path.dirname(os.path.abspath(__file__)), next((a for a in sys.argv[1:] if a.endswith('.yaml')), 'evaluation-set.yaml'))
ITEMS="""meldroutes/acuut-gevaar meldroutes/huiselijk-geweld meldroutes/verward-gedrag meldroutes/wvggz-verkennend-onderzoek meldroutes/suicide meldroutes/mensenhandel meldroutes/seksueel-geweld meldroutes/radicalisering meldroutes/criminaliteit-anoniem meldroutes/zorg-en-veiligheidshuis meldroutes/jeugdoverlast meldroutes/woonoverlast meldroutes/nazorg-ex-gedetineerden meldroutes/vermissing meldroutes/stalking meldroutes/eergerelateerd-geweld meldroutes/ouderenmishandeling meldroutes/zorgwekkend-gedrag meldroutes/dakloosheid meldroutes/drugs-in-woning meldroutes/politie-geen-spoed agressieprotocol/balie agressieprotocol/telefoon-en-online agressieprotocol/na-een-incident handelingskaders/meldcode handelingskaders/gegevens-delen handelingskaders/zorgmelding handelingskaders/pga handelingskaders/ave-opschalen huurachterstanden/vroegsignalering huurachterstanden/dreigende-huisuitzetting huurachterstanden/schuldhulpverlening""".split()
KINDS={'acute-suicide','acute-threat','acute-violence','acute-weapon','acute-missing','acute-medical','alert','out-of-scope'}
lines=open(P).read().split('\n')
assign = '--assign' in sys.argv
ni=collections.Counter(); ti=collections.Counter(); nk=collections.Counter(); tk=collections.Counter()
def kindkey(d):
    return d.get('kind') or ('typo' if d.get('style')=='typo' else 'ordinary')
out=[]
for ln in lines:
    if ln.startswith('- {'):
        d=yaml.safe_load(ln)[0]
        if assign:
            ln=re.sub(r',\s*split:\s*\w+\s*\}$',' }',ln)
            i=d['expect'] or 'null'; k=kindkey(d)
            def cost(t):
                return abs(0.6*(ni[i]+1)-(ti[i]+t)) + abs(0.6*(nk[k]+1)-(tk[k]+t))
            t = 1 if cost(1) <= cost(0) else 0
            ni[i]+=1; nk[k]+=1; ti[i]+=t; tk[k]+=t
            ln=ln[:-1].rstrip()+', split: '+('tuning' if t else 'sealed')+' }'
    out.append(ln)
if assign: open(P,'w').write('\n'.join(out))
data=yaml.safe_load(open(P))
seen=set(); errs=[]
for d in data:
    assert set(d) <= {'q','expect','urgent','kind','style','split'}, d
    if d['expect'] is not None and d['expect'] not in ITEMS: errs.append(('bad item',d))
    if d.get('kind') and d['kind'] not in KINDS: errs.append(('bad kind',d))
    if d['expect'] is None and d.get('kind')!='out-of-scope': errs.append(('null w/o oos',d))
    if d.get('kind','').startswith('acute') != (d.get('urgent') is True): errs.append(('urgent mismatch',d))
    if d['q'].lower() in seen: errs.append(('dup',d))
    seen.add(d['q'].lower())
    if re.search(r'\d{3,}', d['q'].replace('15.000','')): print('NUMBER?', d['q'])
print('errors', errs)
C=collections.Counter
print('total', len(data))
print('per split', dict(C(d.get('split') for d in data)))
print('urgent true', sum(1 for d in data if d.get('urgent') is True))
print('\nper kind (total / tuning / sealed):')
for k,v in sorted(C(kindkey(d) for d in data).items()):
    t=sum(1 for d in data if kindkey(d)==k and d.get('split')=='tuning'); print(f'  {k:15s} {v:3d} {t:3d} {v-t:3d}')
print('  style typo (all kinds):', sum(1 for d in data if d.get('style')=='typo'))
print('\nper item (total / tuning / sealed):')
for i in ITEMS+[None]:
    v=[d for d in data if d['expect']==i]; t=sum(1 for d in v if d.get('split')=='tuning')
    print(f'  {str(i):45s} {len(v):3d} {t:3d} {len(v)-t:3d}')
print('min per item', min(sum(1 for d in data if d['expect']==i) for i in ITEMS))
