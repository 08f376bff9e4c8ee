import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());
function transform(s){ if (s.format!=="binary") return undefined; const n = s.nullable===true || (Array.isArray(s.type)&&s.type.includes("null")); return n? ts.factory.createUnionTypeNode([BLOB,NULL]):BLOB;}
const spec={openapi:"3.1.0",info:{title:"x",version:"1"},paths:{},components:{schemas:{U:{type:"object",properties:{a:{type:"string",format:"binary"},b:{type:["string","null"],format:"binary"},c:{type:"array",items:{type:"string",format:"binary"}}}}}}};
console.log(astToString(await openapiTS(spec,{transform,silent:true})));
